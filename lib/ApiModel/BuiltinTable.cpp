//===- BuiltinTable.cpp - refcheck's own table of C-API conventions -------===//
//
// One row per function or function-like macro. Columns:
//   name, result, can-fail, steals, out-params
// where `steals` is a comma list of `aN` (always steals argument N, 0-based)
// or `sN` (steals argument N only on success) or `kN` (does not steal
// argument N but keeps a reference of its own to it: the list of
// PyList_Append holds the item alive) or `hN` (argument N holds the object
// returned too: PyFrame_GetCode's frame), and `out` is a comma list of
// `nN` (the pointee of argument N receives a new reference), `xN` (the
// pointee's reference is consumed and replaced by a new one; when a call
// that can fail fails, the object is gone and the pointee NULL), `rN` (the
// pointee's reference is replaced when the call succeeds and left as it was
// when it fails), `gN` (the pointee of out-argument N is NULL only when
// those of all the out-arguments are: PyErr_Fetch's type) or `iN` (argument
// N is memory the call makes into an object: the caller owns its one
// reference afterwards) or `bN` (the pointee of argument N receives a
// borrowed reference: PyDict_Next's key and value). `can-fail`
// says whether correct use can see the error value (a NULL result, -1): it
// must agree with the function's row in ErrorTable.cpp (checkRowsAgree,
// checked by a unit test). A malformed cell stops refcheck at start-up.
//
// Functions nobody describes follow the C-API convention instead (see
// docs/api-model.md): returning PyObject* means returning a new reference.
// The rows for new references are here anyway so that `--list-api` documents
// them and so that their `can-fail` column is known.
//
//===----------------------------------------------------------------------===//
#include "BuiltinTable.h"

using namespace refcheck;

namespace {
constexpr ReturnKind New = ReturnKind::NewRef;
constexpr ReturnKind Bor = ReturnKind::Borrowed;
constexpr ReturnKind Nul = ReturnKind::AlwaysNull;
constexpr ReturnKind Int = ReturnKind::NotAnObject;
constexpr ReturnKind Arg0 = ReturnKind::Alias; // argument 0 handed back
constexpr bool Fails = true;
constexpr bool Never = false;
constexpr FormatStyle NoFmt = FormatStyle::None;
constexpr FormatStyle Build = FormatStyle::BuildValue;
constexpr FormatStyle Parse = FormatStyle::ParseArgs;
constexpr FormatStyle Unpk = FormatStyle::Unpack;
} // namespace

const BuiltinRow refcheck::BuiltinRows[] = {
    // name                          result fail   steals      out   fmt  fmtarg
    // --- Functions that steal a reference --------------------------------
    {"PyTuple_SetItem",               Int, Fails, "a2",        "",    NoFmt, 0},
    {"PyTuple_SET_ITEM",              Int, Never, "a2",        "",    NoFmt, 0},
    {"PyList_SetItem",                Int, Fails, "a2",        "",    NoFmt, 0},
    {"PyList_SET_ITEM",               Int, Never, "a2",        "",    NoFmt, 0},
    {"PyModule_AddObject",            Int, Fails, "s2",        "",    NoFmt, 0},
    {"PyModule_Add",                  Int, Fails, "a2",        "",    NoFmt, 0},
    {"PyErr_Restore",                 Int, Never, "a0,a1,a2",  "",    NoFmt, 0},
    // Void; "can fail" only agrees with its unknown error convention (the
    // exception set afterwards depends on whether argument 0 is NULL).
    {"_PyErr_ChainExceptions",        Int, Fails, "a0,a1,a2",  "",    NoFmt, 0},
    {"PyErr_SetRaisedException",      Int, Never, "a0",        "",    NoFmt, 0},
    {"PyErr_SetExcInfo",              Int, Never, "a0,a1,a2",  "",    NoFmt, 0},
    {"PyException_SetCause",          Int, Never, "a1",        "",    NoFmt, 0},
    {"PyException_SetContext",        Int, Never, "a1",        "",    NoFmt, 0},
    {"PyStructSequence_SetItem",      Int, Never, "a2",        "",    NoFmt, 0},
    {"PyStructSequence_SET_ITEM",     Int, Never, "a2",        "",    NoFmt, 0},
    {"PyBytes_ConcatAndDel",          Int, Fails, "a1",        "x0",  NoFmt, 0},
    {"PyUnicode_AppendAndDel",        Int, Fails, "a1",        "x0",  NoFmt, 0},
    {"PyCell_SET",                    Int, Never, "a1",        "",    NoFmt, 0},
    {"_PyTuple_FromArraySteal",       New, Fails, "",          "",    NoFmt, 0},
    {"_PyList_AppendTakeRef",         Int, Fails, "a1",        "",    NoFmt, 0},
    // The compiler's arena (CPython's, and typed_ast's copy, whose header
    // spells it PyArena_AddPyObject) takes the reference when it succeeds;
    // on failure the caller still owns it.
    {"_PyArena_AddPyObject",          Int, Fails, "s1",        "",    NoFmt, 0},
    // Generators, coroutines and async generators are made from a frame
    // whose reference they take, on failure too (the C API's docs: "A
    // reference to frame is stolen by this function").
    {"PyGen_New",                     New, Fails, "a0",        "",    NoFmt, 0},
    {"PyGen_NewWithQualName",         New, Fails, "a0",        "",    NoFmt, 0},
    {"PyCoro_New",                    New, Fails, "a0",        "",    NoFmt, 0},
    {"PyAsyncGen_New",                New, Fails, "a0",        "",    NoFmt, 0},
    // The exported forms of Py_XDECREF/Py_DECREF (for the stable ABI and
    // for other languages' bindings): the argument's reference is given
    // up, and in their own bodies (CPython's Objects/object.c) the
    // parameter is theirs to release.
    {"Py_DecRef",                     Int, Never, "a0",        "",    NoFmt, 0},
    {"_Py_DecRef",                    Int, Never, "a0",        "",    NoFmt, 0},
    // Hands its `result` argument back (or NULL with an exception set).
    {"_Py_CheckFunctionResult",       New, Fails, "a2",        "",    NoFmt, 0},
    // --- Converters ("O&"): the result object is a new reference ----------
    {"PyUnicode_FSConverter",         Int, Fails, "",          "n1",  NoFmt, 0},
    {"PyUnicode_FSDecoder",           Int, Fails, "",          "n1",  NoFmt, 0},
    // --- In/out parameters --------------------------------------------------
    // As CPython 3.11 does it: the Resize and Append functions free the
    // object and leave NULL in the pointer when they fail, except
    // PyUnicode_Resize, which leaves the string as it was.
    {"PyUnicode_Append",              Int, Fails, "",          "x0",  NoFmt, 0},
    {"PyBytes_Concat",                Int, Fails, "",          "x0",  NoFmt, 0},
    {"PyUnicode_InternInPlace",       Int, Never, "",          "x0",  NoFmt, 0},
    {"_PyBytes_Resize",               Int, Fails, "",          "x0",  NoFmt, 0},
    {"_PyTuple_Resize",               Int, Fails, "",          "x0",  NoFmt, 0},
    {"PyUnicode_Resize",              Int, Fails, "",          "r0",  NoFmt, 0},
    {"PyErr_NormalizeException",      Int, Never, "",          "x0,x1,x2,g0,v1", NoFmt, 0},
    // --- New references through out-parameters ------------------------------
    {"PyDict_GetItemRef",             Int, Fails, "",          "n2",  NoFmt, 0},
    {"PyDict_GetItemStringRef",       Int, Fails, "",          "n2",  NoFmt, 0},
    {"PyWeakref_GetRef",              Int, Fails, "",          "n1",  NoFmt, 0},
    {"PyObject_GetOptionalAttr",      Int, Fails, "",          "n2",  NoFmt, 0},
    {"PyObject_GetOptionalAttrString",Int, Fails, "",          "n2",  NoFmt, 0},
    {"_PyObject_LookupAttr",          Int, Fails, "",          "n2",  NoFmt, 0},
    {"PyMapping_GetOptionalItem",     Int, Fails, "",          "n2",  NoFmt, 0},
    {"PyMapping_GetOptionalItemString",Int, Fails, "",         "n2",  NoFmt, 0},
    {"PyDict_SetDefaultRef",          Int, Fails, "",          "n3",  NoFmt, 0},
    {"PyDict_Pop",                    Int, Fails, "",          "n2",  NoFmt, 0},
    {"PyDict_PopString",              Int, Fails, "",          "n2",  NoFmt, 0},
    {"PyDict_Next",                   Int, Never, "",          "b2,b3", NoFmt, 0},
    {"_PyDict_Next",                  Int, Never, "",          "b2,b3", NoFmt, 0},
    {"PyErr_Fetch",                   Int, Never, "",          "n0,n1,n2,g0", NoFmt, 0},
    {"PyErr_GetExcInfo",              Int, Never, "",          "n0,n1,n2,g0", NoFmt, 0},
    // --- Borrowed references ----------------------------------------------
    {"PyDict_GetItem",                Bor, Fails, "",          "",    NoFmt, 0},
    {"_Py_union_args",                Bor, Never, "",          "",    NoFmt, 0},
    {"PyDict_GetItemString",          Bor, Fails, "",          "",    NoFmt, 0},
    {"PyDict_GetItemWithError",       Bor, Fails, "",          "",    NoFmt, 0},
    {"_PyDict_GetItemWithError",      Bor, Fails, "",          "",    NoFmt, 0},
    {"_PyDict_GetItemIdWithError",    Bor, Fails, "",          "",    NoFmt, 0},
    {"_PyDict_GetItemStringWithError",Bor, Fails, "",          "",    NoFmt, 0},
    {"_PyDict_GetItem_KnownHash",     Bor, Fails, "",          "",    NoFmt, 0},
    {"PyList_GetItem",                Bor, Never, "",          "",    NoFmt, 0},
    {"PyList_GET_ITEM",               Bor, Never, "",          "",    NoFmt, 0},
    {"PyTuple_GetItem",               Bor, Never, "",          "",    NoFmt, 0},
    {"PyTuple_GET_ITEM",              Bor, Never, "",          "",    NoFmt, 0},
    {"PySequence_Fast_GET_ITEM",      Bor, Never, "",          "",    NoFmt, 0},
    {"PyStructSequence_GetItem",      Bor, Never, "",          "",    NoFmt, 0},
    {"PyStructSequence_GET_ITEM",     Bor, Never, "",          "",    NoFmt, 0},
    {"PySys_GetObject",               Bor, Fails, "",          "",    NoFmt, 0},
    {"_PySys_GetAttr",                Bor, Fails, "",          "",    NoFmt, 0},
    {"PyModule_GetDict",              Bor, Never, "",          "",    NoFmt, 0},
    {"PyEval_GetBuiltins",            Bor, Never, "",          "",    NoFmt, 0},
    {"PyEval_GetGlobals",             Bor, Fails, "",          "",    NoFmt, 0},
    {"PyEval_GetLocals",              Bor, Fails, "",          "",    NoFmt, 0},
    {"PyEval_GetFrame",               Bor, Fails, "",          "",    NoFmt, 0},
    {"PyErr_Occurred",                Bor, Fails, "",          "",    NoFmt, 0},
    {"PyImport_GetModuleDict",        Bor, Never, "",          "",    NoFmt, 0},
    {"PyImport_AddModule",            Bor, Fails, "",          "",    NoFmt, 0},
    {"PyImport_AddModuleObject",      Bor, Fails, "",          "",    NoFmt, 0},
    {"PyState_FindModule",            Bor, Fails, "",          "",    NoFmt, 0},
    {"PyThreadState_GetDict",         Bor, Fails, "",          "",    NoFmt, 0},
    {"PyInterpreterState_GetDict",    Bor, Fails, "",          "",    NoFmt, 0},
    {"PyCFunction_GET_SELF",          Bor, Fails, "",          "",    NoFmt, 0},
    {"PyCFunction_GetSelf",           Bor, Fails, "",          "",    NoFmt, 0},
    {"PyWeakref_GetObject",           Bor, Never, "",          "",    NoFmt, 0},
    {"PyWeakref_GET_OBJECT",          Bor, Never, "",          "",    NoFmt, 0},
    {"PyFunction_GetCode",            Bor, Never, "",          "",    NoFmt, 0},
    {"PyFunction_GetGlobals",         Bor, Never, "",          "",    NoFmt, 0},
    {"PyFunction_GetModule",          Bor, Never, "",          "",    NoFmt, 0},
    {"PyFunction_GetDefaults",        Bor, Never, "",          "",    NoFmt, 0},
    {"PyMethod_Function",             Bor, Never, "",          "",    NoFmt, 0},
    {"PyMethod_Self",                 Bor, Never, "",          "",    NoFmt, 0},
    {"PyMethod_GET_FUNCTION",         Bor, Never, "",          "",    NoFmt, 0},
    {"PyMethod_GET_SELF",             Bor, Never, "",          "",    NoFmt, 0},
    {"PyCell_GET",                    Bor, Never, "",          "",    NoFmt, 0},
    {"PyExceptionInstance_Class",     Bor, Never, "",          "",    NoFmt, 0},
    {"PyModule_GetFilenameObject",    New, Fails, "",          "",    NoFmt, 0},
    {"PyType_GetModule",              Bor, Never, "",          "",    NoFmt, 0},
    {"PyType_GetModuleByDef",         Bor, Never, "",          "",    NoFmt, 0},
    // A pointer to the module's static PyModuleDef, whose first member
    // starts with PyObject_HEAD: no reference to manage.
    {"PyModule_GetDef",               Bor, Never, "",          "",    NoFmt, 0},
    {"PyType_GetDict",                New, Fails, "",          "",    NoFmt, 0},
    {"_PyType_Lookup",                Bor, Fails, "",          "",    NoFmt, 0},
    // CPython internal: the new exception it sets, borrowed from the
    // exception state (NULL, the original exception left set, when it
    // cannot chain).
    {"_PyErr_TrySetFromCause",        Bor, Fails, "",          "",    NoFmt, 0},
    // CPython internal: the frame object it makes is stored in frame->frame_obj.
    {"_PyFrame_MakeAndSetFrameObject",Bor, Fails, "",          "",    NoFmt, 0},
    {"_PyUnicode_FromId",             Bor, Fails, "",          "",    NoFmt, 0},
    {"_PyThreadState_GetDict",        Bor, Fails, "",          "",    NoFmt, 0},
    {"_PySys_GetObjectId",            Bor, Fails, "",          "",    NoFmt, 0},
    {"PyDescr_NAME",                  Bor, Never, "",          "",    NoFmt, 0},
    {"PyCapsule_GetContext",          Int, Fails, "",          "",    NoFmt, 0},
    // --- Always NULL --------------------------------------------------------
    {"PyErr_Format",                  Nul, Never, "",          "",    NoFmt, 0},
    {"PyErr_FormatV",                 Nul, Never, "",          "",    NoFmt, 0},
    {"PyErr_NoMemory",                Nul, Never, "",          "",    NoFmt, 0},
    {"_PyErr_NoMemory",               Nul, Never, "",          "",    NoFmt, 0},
    {"_PyErr_Format",                 Nul, Never, "",          "",    NoFmt, 0},
    {"_PyErr_FormatFromCause",        Nul, Never, "",          "",    NoFmt, 0},
    {"_PyErr_FormatFromCauseTstate",  Nul, Never, "",          "",    NoFmt, 0},
    {"PyErr_SetFromWindowsErr",       Nul, Never, "",          "",    NoFmt, 0},
    {"PyErr_SetExcFromWindowsErr",    Nul, Never, "",          "",    NoFmt, 0},
    {"PyErr_SetFromErrno",            Nul, Never, "",          "",    NoFmt, 0},
    {"PyErr_SetFromErrnoWithFilename",Nul, Never, "",          "",    NoFmt, 0},
    {"PyErr_SetFromErrnoWithFilenameObject", Nul, Never, "",   "",    NoFmt, 0},
    {"PyErr_SetFromErrnoWithFilenameObjects",Nul, Never, "",   "",    NoFmt, 0},
    {"PyErr_SetImportError",          Nul, Never, "",          "",    NoFmt, 0},
    {"PyErr_ProgramText",             New, Fails, "",          "",    NoFmt, 0},
    // --- Format-driven varargs ----------------------------------------------
    {"Py_BuildValue",                 New, Fails, "",          "",    Build, 0},
    {"_Py_BuildValue_SizeT",          New, Fails, "",          "",    Build, 0},
    {"PyObject_CallFunction",         New, Fails, "",          "",    Build, 1},
    {"_PyObject_CallFunction_SizeT",  New, Fails, "",          "",    Build, 1},
    {"PyObject_CallMethod",           New, Fails, "",          "",    Build, 2},
    {"_PyObject_CallMethod_SizeT",    New, Fails, "",          "",    Build, 2},
    {"PyEval_CallFunction",           New, Fails, "",          "",    Build, 1},
    {"PyEval_CallMethod",             New, Fails, "",          "",    Build, 2},
    {"PyArg_ParseTuple",              Int, Fails, "",          "",    Parse, 1},
    {"_PyArg_ParseTuple_SizeT",       Int, Fails, "",          "",    Parse, 1},
    {"PyArg_ParseTupleAndKeywords",   Int, Fails, "",          "",    Parse, 2},
    {"_PyArg_ParseTupleAndKeywords_SizeT", Int, Fails, "",     "",    Parse, 2},
    {"PyArg_Parse",                   Int, Fails, "",          "",    Parse, 1},
    {"_PyArg_Parse_SizeT",            Int, Fails, "",          "",    Parse, 1},
    {"PyArg_UnpackTuple",             Int, Fails, "",          "",    Unpk, 1},
    // --- Constructors and accessors returning new references ----------------
    {"PyList_New",                    New, Fails, "",          "",    NoFmt, 0},
    {"PyList_GetItemRef",             New, Fails, "h0",        "",    NoFmt, 0},
    {"PyImport_AddModuleRef",         New, Fails, "",          "",    NoFmt, 0},
    {"PyFrame_GetCode",               New, Never, "h0",        "",    NoFmt, 0},
    {"PyFrame_GetBack",               New, Fails, "",          "",    NoFmt, 0},
    {"PyThreadState_GetFrame",        New, Fails, "h0",        "",    NoFmt, 0},
    {"PyList_GetSlice",               New, Fails, "",          "",    NoFmt, 0},
    {"PyList_AsTuple",                New, Fails, "",          "",    NoFmt, 0},
    {"PyTuple_New",                   New, Fails, "",          "",    NoFmt, 0},
    {"PyTuple_Pack",                  New, Fails, "",          "",    NoFmt, 0},
    {"PyTuple_GetSlice",              New, Fails, "",          "",    NoFmt, 0},
    {"PyDict_New",                    New, Fails, "",          "",    NoFmt, 0},
    {"PyDict_Copy",                   New, Fails, "",          "",    NoFmt, 0},
    {"PyDict_Keys",                   New, Fails, "",          "",    NoFmt, 0},
    {"PyDict_Values",                 New, Fails, "",          "",    NoFmt, 0},
    {"PyDict_Items",                  New, Fails, "",          "",    NoFmt, 0},
    {"PyDict_SetDefault",             Bor, Fails, "",          "",    NoFmt, 0},
    {"PySet_New",                     New, Fails, "",          "",    NoFmt, 0},
    {"PyFrozenSet_New",               New, Fails, "",          "",    NoFmt, 0},
    {"PySet_Pop",                     New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromString",          New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromStringAndSize",   New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromFormat",          New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromFormatV",         New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromOrdinal",         New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromWideChar",        New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromKindAndData",     New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromObject",          New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_FromEncodedObject",   New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_New",                 New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_InternFromString",    New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_Concat",              New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_Join",                New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_Split",               New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_Substring",           New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_Decode",              New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_DecodeUTF8",          New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_DecodeFSDefault",     New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_AsEncodedString",     New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_AsUTF8String",        New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_AsASCIIString",       New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_AsLatin1String",      New, Fails, "",          "",    NoFmt, 0},
    {"PyUnicode_EncodeFSDefault",     New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromLong",               New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromUnsignedLong",       New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromLongLong",           New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromUnsignedLongLong",   New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromSsize_t",            New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromSize_t",             New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromDouble",             New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromString",             New, Fails, "",          "",    NoFmt, 0},
    {"PyLong_FromVoidPtr",            New, Fails, "",          "",    NoFmt, 0},
    {"PyBool_FromLong",               New, Never, "",          "",    NoFmt, 0},
    {"PyFloat_FromDouble",            New, Fails, "",          "",    NoFmt, 0},
    {"PyFloat_FromString",            New, Fails, "",          "",    NoFmt, 0},
    {"PyComplex_FromDoubles",         New, Fails, "",          "",    NoFmt, 0},
    {"PyBytes_FromString",            New, Fails, "",          "",    NoFmt, 0},
    {"PyBytes_FromStringAndSize",     New, Fails, "",          "",    NoFmt, 0},
    {"PyBytes_FromFormat",            New, Fails, "",          "",    NoFmt, 0},
    {"PyBytes_FromObject",            New, Fails, "",          "",    NoFmt, 0},
    {"PyByteArray_FromStringAndSize", New, Fails, "",          "",    NoFmt, 0},
    {"PyByteArray_FromObject",        New, Fails, "",          "",    NoFmt, 0},
    {"PyMemoryView_FromObject",       New, Fails, "",          "",    NoFmt, 0},
    {"PyCapsule_New",                 New, Fails, "",          "",    NoFmt, 0},
    {"PySlice_New",                   New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_Call",                 New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_CallObject",           New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_CallNoArgs",           New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_CallOneArg",           New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_CallFunctionObjArgs",  New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_CallMethodObjArgs",    New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_CallMethodNoArgs",     New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_CallMethodOneArg",     New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_Vectorcall",           New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_VectorcallMethod",     New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_GetAttr",              New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_GetAttrString",        New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_GenericGetAttr",       New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_GetItem",              New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_GetIter",              New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_Repr",                 New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_Str",                  New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_ASCII",                New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_Bytes",                New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_Dir",                  New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_Format",               New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_RichCompare",          New, Fails, "",          "",    NoFmt, 0},
    {"PyObject_Type",                 New, Never, "",          "",    NoFmt, 0},
    {"PyIter_Next",                   New, Fails, "",          "",    NoFmt, 0},
    {"PySequence_GetItem",            New, Fails, "",          "",    NoFmt, 0},
    {"PySequence_GetSlice",           New, Fails, "",          "",    NoFmt, 0},
    {"PySequence_Tuple",              New, Fails, "",          "",    NoFmt, 0},
    {"PySequence_List",               New, Fails, "",          "",    NoFmt, 0},
    {"PySequence_Fast",               New, Fails, "",          "",    NoFmt, 0},
    {"PySequence_Concat",             New, Fails, "",          "",    NoFmt, 0},
    {"PyMapping_Keys",                New, Fails, "",          "",    NoFmt, 0},
    {"PyMapping_Items",               New, Fails, "",          "",    NoFmt, 0},
    {"PyMapping_Values",              New, Fails, "",          "",    NoFmt, 0},
    {"PyMapping_GetItemString",       New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_Add",                  New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_Subtract",             New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_Multiply",             New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_TrueDivide",           New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_FloorDivide",          New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_Remainder",            New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_Negative",             New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_Index",                New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_Long",                 New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_Float",                New, Fails, "",          "",    NoFmt, 0},
    {"PyNumber_InPlaceAdd",           New, Fails, "",          "",    NoFmt, 0},
    {"PyImport_Import",               New, Fails, "",          "",    NoFmt, 0},
    {"PyImport_ImportModule",         New, Fails, "",          "",    NoFmt, 0},
    {"PyImport_ImportModuleLevel",    New, Fails, "",          "",    NoFmt, 0},
    {"PyImport_ImportModuleLevelObject", New, Fails, "",       "",    NoFmt, 0},
    {"PyImport_GetModule",            New, Fails, "",          "",    NoFmt, 0},
    {"PyImport_ImportModuleAttrString",New, Fails, "",         "",    NoFmt, 0},
    {"PyModule_New",                  New, Fails, "",          "",    NoFmt, 0},
    {"PyModule_NewObject",            New, Fails, "",          "",    NoFmt, 0},
    {"PyModule_Create2",              New, Fails, "",          "",    NoFmt, 0},
    {"PyModule_FromDefAndSpec2",      New, Fails, "",          "",    NoFmt, 0},
    {"PyModule_GetNameObject",        New, Fails, "",          "",    NoFmt, 0},
    // Returns the (static) def itself for multi-phase init; PyInit_*
    // returns it, which is correct, so it counts as a new reference.
    {"PyModuleDef_Init",              New, Never, "",          "",    NoFmt, 0},
    {"PyModule_AddObjectRef",         Int, Fails, "",          "",    NoFmt, 0},
    {"PyErr_NewException",            New, Fails, "",          "",    NoFmt, 0},
    {"PyErr_NewExceptionWithDoc",     New, Fails, "",          "",    NoFmt, 0},
    {"PyErr_GetRaisedException",      New, Fails, "",          "",    NoFmt, 0},
    {"PyErr_GetHandledException",     New, Never, "",          "",    NoFmt, 0},
    {"PyException_GetTraceback",      New, Never, "",          "",    NoFmt, 0},
    {"PyException_GetCause",          New, Never, "",          "",    NoFmt, 0},
    {"PyException_GetContext",        New, Never, "",          "",    NoFmt, 0},
    {"PyType_GenericNew",             New, Fails, "",          "",    NoFmt, 0},
    {"PyType_GenericAlloc",           New, Fails, "",          "",    NoFmt, 0},
    {"PyType_FromSpec",               New, Fails, "",          "",    NoFmt, 0},
    {"PyType_FromSpecWithBases",      New, Fails, "",          "",    NoFmt, 0},
    {"PyType_FromModuleAndSpec",      New, Fails, "",          "",    NoFmt, 0},
    {"PyType_FromMetaclass",          New, Fails, "",          "",    NoFmt, 0},
    {"PyType_GetName",                New, Fails, "",          "",    NoFmt, 0},
    {"PyType_GetQualName",            New, Fails, "",          "",    NoFmt, 0},
    {"PyWeakref_NewRef",              New, Fails, "",          "",    NoFmt, 0},
    {"PyWeakref_NewProxy",            New, Fails, "",          "",    NoFmt, 0},
    {"PyCFunction_NewEx",             New, Fails, "",          "",    NoFmt, 0},
    {"PyCMethod_New",                 New, Fails, "",          "",    NoFmt, 0},
    {"PyDescr_NewMethod",             New, Fails, "",          "",    NoFmt, 0},
    {"PyCell_New",                    New, Fails, "",          "",    NoFmt, 0},
    {"PyCell_Get",                    New, Never, "",          "",    NoFmt, 0},
    {"PyStructSequence_New",          New, Fails, "",          "",    NoFmt, 0},
    {"PyStructSequence_NewType",      New, Fails, "",          "",    NoFmt, 0},
    {"PyFile_FromFd",                 New, Fails, "",          "",    NoFmt, 0},
    {"PyOS_FSPath",                   New, Fails, "",          "",    NoFmt, 0},
    {"PyGILState_GetThisThreadState", Int, Never, "",          "",    NoFmt, 0},
    {"_PyObject_New",                 New, Fails, "",          "",    NoFmt, 0},
    {"_PyObject_NewVar",              New, Fails, "",          "",    NoFmt, 0},
    {"_PyObject_GC_New",              New, Fails, "",          "",    NoFmt, 0},
    {"_PyObject_GC_NewVar",           New, Fails, "",          "",    NoFmt, 0},
    // --- Objects made from raw memory (PyObject_Malloc): the caller owns
    // the one reference. PyObject_Init hands its argument back; it fails
    // only when handed the NULL of a failed allocation, which correct code
    // has checked for already.
    {"_Py_NewReference",              Int, Never, "",          "i0",  NoFmt, 0},
    {"_Py_NewReferenceNoTotal",       Int, Never, "",          "i0",  NoFmt, 0},
    {"PyObject_Init",                 Arg0, Never, "",         "i0",  NoFmt, 0},
    {"PyObject_InitVar",              Arg0, Never, "",         "i0",  NoFmt, 0},
    // --- Non-stealing stores: the callee takes a reference of its own -----
    {"PyList_Append",                 Int, Fails, "k1",        "",    NoFmt, 0},
    {"PyList_Insert",                 Int, Fails, "k2",        "",    NoFmt, 0},
    {"PyDict_SetItem",                Int, Fails, "k1,k2",     "",    NoFmt, 0},
    {"PyDict_SetItemString",          Int, Fails, "k2",        "",    NoFmt, 0},
    {"PyObject_SetAttr",              Int, Fails, "k2",        "",    NoFmt, 0},
    {"PyObject_SetAttrString",        Int, Fails, "k2",        "",    NoFmt, 0},
    {"PyObject_SetItem",              Int, Fails, "k1,k2",     "",    NoFmt, 0},
    {"PySet_Add",                     Int, Fails, "k1",        "",    NoFmt, 0},
    {"PyErr_SetObject",               Int, Never, "k0,k1",     "",    NoFmt, 0},
    {"PyErr_SetString",               Int, Never, "",          "",    NoFmt, 0},
    {"PyErr_SetNone",                 Int, Never, "",          "",    NoFmt, 0},
    {"PyErr_Clear",                   Int, Never, "",          "",    NoFmt, 0},
};

const size_t refcheck::NumBuiltinRows =
    sizeof(BuiltinRows) / sizeof(BuiltinRows[0]);

// Functions whose result, when not NULL, is an object of a concrete type
// that the call made or looked up by value: never a shared singleton such
// as Py_None, Py_True, Py_False, Py_Ellipsis or Py_NotImplemented. A
// '*' matches any run of characters. The checker drops such an
// object when the code compares it with a singleton (the analyzer would
// otherwise follow the impossible path where it *is* the singleton); any
// other owned object stays tracked through the comparison
// (docs/api-model.md, "Comparisons with singletons").
const char *const refcheck::FreshResultPatterns[] = {
    "PyList_New",       "PyList_AsTuple",    "PyList_GetSlice",
    "PyTuple_New",      "PyTuple_Pack",      "PyTuple_GetSlice",
    "PyDict_New",       "PyDict_Copy",       "PyDict_Keys",
    "PyDict_Values",    "PyDict_Items",      "PySet_New",
    "PyFrozenSet_New",  "PyLong_From*",      "PyFloat_From*",
    "PyComplex_From*",  "PyUnicode_From*",   "PyUnicode_New",
    "PyUnicode_Decode*", "PyUnicode_Encode*", "PyUnicode_As*String",
    "PyUnicode_Concat", "PyUnicode_Join",    "PyUnicode_Split",
    "PyUnicode_Substring", "PyUnicode_Format", "PyBytes_From*",
    "PyByteArray_From*", "PyMemoryView_From*", "PyModule_New*",
    "PyModule_Create*", "PyModule_FromDef*", "PyCapsule_New",
    "PyObject_New",     "_PyObject_New*",    "PyObject_GC_New",
    "_PyObject_GC_New*", "PyType_GenericNew", "PyType_GenericAlloc",
    "PyType_FromSpec*", "PyType_FromModuleAndSpec", "PyCFunction_New*",
    "PyCMethod_New",    "PyDescr_New*",      "PyErr_NewException*",
    "PySlice_New",      "PyDictProxy_New",   "PyStructSequence_New",
    "PyMethod_New",     "PyInstanceMethod_New", "PySeqIter_New",
    "PyCallIter_New",   "PyCell_New",        "PySequence_List",
    "PyObject_Repr",    "PyObject_Str",      "PyObject_ASCII",
    "PyObject_Bytes",   "PyNumber_Long",     "PyNumber_Float",
    "PyNumber_ToBase",
};
const size_t refcheck::NumFreshResultPatterns =
    sizeof(FreshResultPatterns) / sizeof(FreshResultPatterns[0]);

// Calls that, though never returning a singleton, may hand back an object
// the caller already had: their argument when it already has the exact
// type (PyObject_Str of a str, PyNumber_Long of an int, PyUnicode_FromObject),
// the object itself for a whole slice or a one-item join, the other operand
// of a concatenation with an empty string, whatever a type's __str__ or
// __repr__ returns, a cached small int. Their result may be equal to a
// pointer older than the call.
const char *const refcheck::ExistingResultPatterns[] = {
    "PyObject_Str",       "PyObject_Repr",    "PyObject_Bytes",
    "PyNumber_Long",      "PyNumber_Float",   "PyUnicode_FromObject",
    "PyTuple_GetSlice",   "PyUnicode_Substring", "PyUnicode_Concat",
    "PyUnicode_Join",     "PyLong_From*",
};
const size_t refcheck::NumExistingResultPatterns =
    sizeof(ExistingResultPatterns) / sizeof(ExistingResultPatterns[0]);

// What type of object a call's result is when it is not NULL, for the calls
// whose result always has one exact built-in type (a '*' matches any run
// of characters). Only the types of TypeCheckedRows matter.
const TypeMakerRow refcheck::TypeMakerRows[] = {
    {"PyBytes_From*", "bytes"},         {"PyUnicode_As*String", "bytes"},
    {"PyUnicode_AsEncodedString", "bytes"},
    {"PyUnicode_EncodeFSDefault", "bytes"}, {"PyUnicode_EncodeLocale", "bytes"},
    {"PyObject_Bytes", "bytes"},
    {"PyUnicode_From*", "str"},         {"PyUnicode_Decode*", "str"},
    {"PyUnicode_New", "str"},           {"PyUnicode_Concat", "str"},
    {"PyUnicode_Join", "str"},          {"PyUnicode_Substring", "str"},
    {"PyUnicode_Format", "str"},        {"PyObject_Repr", "str"},
    {"PyObject_Str", "str"},            {"PyObject_ASCII", "str"},
    {"PyList_New", "list"},             {"PyList_GetSlice", "list"},
    {"PySequence_List", "list"},        {"PyDict_Keys", "list"},
    {"PyDict_Values", "list"},          {"PyDict_Items", "list"},
    {"PyUnicode_Split", "list"},        {"PyUnicode_Splitlines", "list"},
    {"PyTuple_New", "tuple"},           {"PyTuple_Pack", "tuple"},
    {"PyTuple_GetSlice", "tuple"},      {"PyList_AsTuple", "tuple"},
    {"PySequence_Tuple", "tuple"},
    {"PyDict_New", "dict"},             {"PyDict_Copy", "dict"},
};
const size_t refcheck::NumTypeMakerRows =
    sizeof(TypeMakerRows) / sizeof(TypeMakerRows[0]);

// Calls that fail only when argument 0 is not of the type they read: on an
// object of one of the listed types (a comma list) they succeed, so a size
// is >= 0 and a pointer is not NULL (PyBytes_AsString of the result of
// PyUnicode_AsUTF8String, PyObject_Length of a new list). The item setters
// also fail on an index out of range, which is a bug of its own and not an
// error path: `PyTuple_SetItem(t, 0, o)` on a new 1-tuple succeeds.
// The last column: the call reads the object's own struct, so an instance
// of a subclass does as well (`PyBytes_Check(o)` before PyBytes_AsString).
// Not the setters (a tuple the code did not make may be shared), nor the
// generic sizes (a subclass's __len__ may raise).
const TypeCheckedRow refcheck::TypeCheckedRows[] = {
    {"PyTuple_SetItem", "tuple", false},
    {"PyList_SetItem", "list", false},
    {"PyBytes_AsString", "bytes", true},
    {"PyBytes_Size", "bytes", true},
    {"PyUnicode_GetLength", "str", true},
    {"PyUnicode_AsWideChar", "str", true},
    {"PyList_Size", "list", true},
    {"PyTuple_Size", "tuple", true},
    {"PyDict_Size", "dict", true},
    {"PyObject_Size", "bytes,str,list,tuple,dict", false},
    {"PyObject_Length", "bytes,str,list,tuple,dict", false},
    {"PySequence_Size", "bytes,str,list,tuple", false},
    {"PySequence_Length", "bytes,str,list,tuple", false},
    {"PyMapping_Size", "dict", false},
    {"PyMapping_Length", "dict", false},
};
const size_t refcheck::NumTypeCheckedRows =
    sizeof(TypeCheckedRows) / sizeof(TypeCheckedRows[0]);
