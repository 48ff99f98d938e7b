"""The Python layer over _boxes: a subclass of the C type, as real
packages (pylibmc's Client over _pylibmc.client) have."""
import _boxes


class Crate(_boxes.Box):
    def describe(self):
        return self.label()
