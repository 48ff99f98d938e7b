import unittest

import leakmod


class Order(unittest.TestCase):
    # The three tests reach error_leak by name and are measured in name
    # order: the first is clean, the second crashes the interpreter, the
    # third takes the leaking error path.
    def test_a_success_path(self):
        leakmod.error_leak(1)

    def test_b_crash(self):
        leakmod.error_leak(2)
        leakmod.crash()

    def test_c_error_path(self):
        with self.assertRaises(TypeError):
            leakmod.error_leak("not an int")


if __name__ == "__main__":
    unittest.main()
