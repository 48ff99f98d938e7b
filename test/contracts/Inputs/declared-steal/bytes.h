/* The helper's declaration says, with cpychecker's attribute (refcheck
   defines the macro that turns it on), that it steals its argument. */
#if defined(WITH_CPYCHECKER_STEALS_REFERENCE_TO_ARG_ATTRIBUTE)
#define STEALS(n) __attribute__((cpychecker_steals_reference_to_arg(n)))
#else
#define STEALS(n)
#endif

STEALS(1) PyObject *take_bytes(PyObject *obj);
