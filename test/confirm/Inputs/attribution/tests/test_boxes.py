import unittest

import boxes


class CrateTests(unittest.TestCase):
    def test_make(self):
        self.assertIsNotNone(boxes.Crate())

    def test_fill(self):
        self.assertEqual(boxes.Crate().fill(), 3)

    def test_describe(self):
        self.assertEqual(boxes.Crate().describe(), "box of 1003")

    def test_pair(self):
        self.assertEqual(boxes.Crate().pair(), (3,))


if __name__ == "__main__":
    unittest.main()
