# pytest style: no unittest import; functions and plain classes.
import shapes


def test_function():
    shapes.area(1)


class TestGroup:
    def test_method(self):
        shapes.perimeter(1)
