/* A C library's header, found on the system include path: a lookup that
   returns 0 or a negative error code (libgit2's convention), and a
   comparison whose negative result is a value. */
typedef struct vcs_ref vcs_ref;
int vcs_ref_lookup(vcs_ref **out, const char *name);
int vcs_ref_cmp(const vcs_ref *a, const vcs_ref *b);
