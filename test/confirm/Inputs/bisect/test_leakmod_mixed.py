import unittest

import leakmod


class Mixed(unittest.TestCase):
    def test_clean_1(self):
        leakmod.clean()

    def test_clean_2(self):
        leakmod.clean()

    def test_leaks(self):
        leakmod.always_leak()

    def test_clean_3(self):
        leakmod.clean()
