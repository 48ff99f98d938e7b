"""Support helpers, as CPython's test.support wraps _testcapi."""
import shapes


def run_in_box():
    # A test calling this helper reaches shapes.run_in_box.
    return shapes.run_in_box()


def unrelated():
    return 1
