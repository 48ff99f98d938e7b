/* Included by leaky.c only: editing it must reanalyze leaky.c alone. */
#define LEAKY_NAME "leaky"
