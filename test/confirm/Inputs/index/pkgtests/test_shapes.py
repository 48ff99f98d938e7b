import unittest
from unittest import TestCase

import shapes as sh
from shapes import area as compute_area
from .support import run_in_box
from . import support
from test.support import import_helper

_mod = import_helper.import_module("shapes")


class Mixin:
    def test_from_mixin(self):
        sh.perimeter(1)


class Direct(Mixin, unittest.TestCase):
    def test_alias(self):
        sh.area(1)

    def test_from_import(self):
        compute_area(2)

    def test_import_module(self):
        _mod.area(3)

    def test_helper(self):
        run_in_box()

    def test_helper_through_module(self):
        support.run_in_box()

    def test_method_of_type(self):
        c = sh.Counter()
        c.bump()

    def test_repr_slot(self):
        repr(sh.Counter())

    def test_getattr_is_not_followed(self):
        getattr(sh, "area")(1)

    def test_nothing(self):
        self.assertTrue(True)


class Other(TestCase):
    def test_self_helper(self):
        self.check()

    def check(self):
        sh.perimeter(2)
