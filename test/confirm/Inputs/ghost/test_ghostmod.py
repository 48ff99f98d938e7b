# Tests of a module the interpreter may lack: they skip themselves then, as
# CPython's own tests do with import_helper.import_module().
import unittest

try:
    import ghostmod
except ImportError:
    ghostmod = None


@unittest.skipIf(ghostmod is None, "ghostmod is not built")
class GhostTests(unittest.TestCase):
    def test_always(self):
        ghostmod.always_leak()

    def test_error_path(self):
        with self.assertRaises(TypeError):
            ghostmod.error_leak("text")
