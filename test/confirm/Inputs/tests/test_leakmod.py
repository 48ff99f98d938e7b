import unittest

import leakmod


class LeakTests(unittest.TestCase):
    # Named to run first: a crash must not stop the other tests.
    def test_a_crash_after_leak(self):
        leakmod.always_leak()
        leakmod.crash()

    def test_always(self):
        leakmod.always_leak()

    def test_error_path(self):
        with self.assertRaises(TypeError):
            leakmod.error_leak("not an int")

    def test_success_path(self):
        leakmod.error_leak(1)

    def test_clean(self):
        leakmod.clean()


if __name__ == "__main__":
    unittest.main()
