// The workflow bundle's entry: every workflow the worker registers, exported by its Temporal type name
// (see WORKFLOW_TYPE_NAMES in @mos/db/workflows). Only deterministic code may be imported from here.
