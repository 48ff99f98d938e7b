import unittest

import shapes


class ShapeTests(unittest.TestCase):
    def test_area(self):
        self.assertEqual(shapes.area((2, 3)), 6)

    def test_scale(self):
        self.assertEqual(shapes.scale(2), 4)

    def test_scale_rejects_text(self):
        with self.assertRaises(TypeError):
            shapes.scale("two")

    def test_tidy(self):
        shapes.tidy()

    def test_box_repr(self):
        self.assertEqual(repr(shapes.Box(3)), "Box(<box 3>)")

    def test_nothing_native(self):
        self.assertEqual(sorted([3, 1, 2]), [1, 2, 3])


if __name__ == "__main__":
    unittest.main()
