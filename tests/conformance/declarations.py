"""Checks an `ingot inspect --json` report against the importer's declarations:
every core op that nodes of a source op became must be among the core ops
that op declares (`declared_core_ops`, what ingot answers for op lists
without a model). Used by the ONNX import walk and the .pt2 fixture test."""

# The source_op of the copy an importer adds for an output that is an input,
# a constant or another output (kOutputCopySource in ir/imported_model.h).
OUTPUT_COPY = "(output copy)"


def undeclared(report, prefix):
    """The problems found, and the (source op, core op) pairs seen. Node labels
    are `prefix` + the source op type ("onnx:Clip"; "aten.add.Tensor")."""
    problems, seen = [], set()
    declared = report["declared_core_ops"]
    for source, ops in sorted(report["core_ops_by_source"].items()):
        op = source[len(prefix):] if source.startswith(prefix) else None
        if source == OUTPUT_COPY:
            allowed = ["copy"]
        elif op in declared and declared[op] is not None:
            allowed = declared[op]
            seen.update((op, core) for core in ops)
        elif op in declared:
            problems.append("%s emitted %s but ingot declares nothing for it" % (op, sorted(ops)))
            continue
        else:
            problems.append("nodes labelled %r come from no source op of the model" % source)
            continue
        extra = sorted(set(ops) - set(allowed))
        if extra:
            problems.append("%s emitted %s, not among its declared %s" % (source, extra, allowed))
    return problems, seen
