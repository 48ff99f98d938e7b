#if !defined(Py_BUILD_CORE) && !defined(Py_BUILD_CORE_BUILTIN) && !defined(Py_BUILD_CORE_MODULE)
#error "this header requires Py_BUILD_CORE define"
#endif
