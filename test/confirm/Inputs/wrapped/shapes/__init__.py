"""A pure-Python layer over the C module, which it imports under another
name, as real packages do."""
from . import _core as core


def area(sides):
    core.always_leak()
    return sides[0] * sides[1]


def scale(factor):
    """Raises TypeError when factor is not an int (the C error path)."""
    return core.checked(factor) * 2


def tidy():
    core.clean()


class Box:
    def __init__(self, size):
        self._box = core.Box(size)

    def __repr__(self):
        return "Box(%s)" % repr(self._box)
