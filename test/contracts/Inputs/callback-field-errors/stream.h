#include <Python.h>

/* Each struct's callback field is called through, and the functions stored
   there give it an error convention. */
typedef struct Decoder Decoder;
struct Decoder {
    PyObject_HEAD
    PyObject *read;
    /* Stored and called in a.c: -1 comes with an exception. */
    int (*fp_read)(Decoder *, char *, Py_ssize_t);
};

typedef struct Lexer Lexer;
struct Lexer {
    PyObject_HEAD
    PyObject *read;
    /* Stored in b.c, called in a.c: -1 comes with an exception. */
    int (*next)(Lexer *, char *);
};

typedef struct Reader Reader;
struct Reader {
    PyObject_HEAD
    PyObject *read;
    /* Stored and called in b.c: -1 at the end of the stream, with no
       exception. */
    int (*fill)(Reader *, char *);
};
