import time
import unittest

import leakmod


class Hang(unittest.TestCase):
    def test_hangs(self):
        leakmod.always_leak()
        time.sleep(3600)

    def test_leaks(self):
        leakmod.always_leak()
