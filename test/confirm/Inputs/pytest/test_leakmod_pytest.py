# pytest style: no unittest; refcheck names these tests by node id.
import leakmod


def test_always():
    leakmod.always_leak()


def test_success_path():
    leakmod.error_leak(1)
