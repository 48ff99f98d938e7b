# Mentions leakmod.always_leak only in text: the name index reads this file
# (it holds both words) but none of its tests uses the function.
import unittest


class Other(unittest.TestCase):
    def test_words(self):
        self.assertIn("always_leak", "leakmod.always_leak is only text here")
