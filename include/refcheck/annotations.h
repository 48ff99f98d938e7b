/* refcheck/annotations.h - tell refcheck about your own functions.
 *
 * Include it in extension code; without refcheck (any other compiler run)
 * the macros expand to nothing. Argument numbers are 1-based, as in
 * cpychecker's attributes, which refcheck also accepts unchanged.
 *
 *   PyObject *get_cached(void) REFCHECK_RETURNS_BORROWED;
 *   int add_item(PyObject *list, PyObject *item) REFCHECK_STEALS_ARG(2);
 *   struct state { PyObject *cache REFCHECK_OWNS_REF; };
 *   PyObject *raise_lib_error(int code) REFCHECK_SETS_EXCEPTION;
 *   int setup(PyObject *m) REFCHECK_NEGATIVE_SETS_EXCEPTION;
 */
#ifndef REFCHECK_ANNOTATIONS_H
#define REFCHECK_ANNOTATIONS_H

#if defined(__clang__) && defined(__REFCHECK__)
#define REFCHECK_RETURNS_BORROWED __attribute__((annotate("refcheck::returns_borrowed")))
#define REFCHECK_RETURNS_NEW __attribute__((annotate("refcheck::returns_new")))
#define REFCHECK_STEALS_ARG(n) __attribute__((annotate("refcheck::steals_arg", n)))
#define REFCHECK_OWNS_REF __attribute__((annotate("refcheck::owns_ref")))
#define REFCHECK_SETS_EXCEPTION __attribute__((annotate("refcheck::sets_exception")))
#define REFCHECK_NEGATIVE_SETS_EXCEPTION \
  __attribute__((annotate("refcheck::negative_sets_exception")))
#else
#define REFCHECK_RETURNS_BORROWED
#define REFCHECK_RETURNS_NEW
#define REFCHECK_STEALS_ARG(n)
#define REFCHECK_OWNS_REF
#define REFCHECK_SETS_EXCEPTION
#define REFCHECK_NEGATIVE_SETS_EXCEPTION
#endif

#endif
