"""Which ONNX backend node tests are in scope for ingot.

In scope: every node test except training ops and losses, sequences /
optionals / strings, randomness, DFT/STFT/window generators, ops whose output
shape depends on data (NonZero, Unique, Compress, NonMaxSuppression) and
control flow (If, Loop, Scan). The decision is made from the model itself
(its op types and its inputs' and outputs' types), so it holds for any
version of the test data.
"""

import re

import onnx

OUT_OF_SCOPE_OPS = {
    # training
    "Adagrad", "Adam", "Momentum", "Gradient",
    # losses
    "SoftmaxCrossEntropyLoss", "NegativeLogLikelihoodLoss",
    # randomness
    "Bernoulli", "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial",
    # signal generators and transforms
    "DFT", "STFT", "HannWindow", "HammingWindow", "BlackmanWindow", "MelWeightMatrix",
    # data-dependent output shapes
    "NonZero", "Unique", "Compress", "NonMaxSuppression",
    # control flow
    "If", "Loop", "Scan",
    # sequences, optionals, strings
    "SequenceInsert", "SequenceAt", "SequenceConstruct", "SequenceEmpty", "SequenceErase", "SequenceLength",
    "SplitToSequence", "ConcatFromSequence", "SequenceMap", "Optional", "OptionalHasElement",
    "OptionalGetElement", "StringNormalizer",
}

# Expanded function bodies of out-of-scope ops use only in-scope primitives;
# they test the same out-of-scope feature, so their names decide.
OUT_OF_SCOPE_NAMES = re.compile(
    r"^test_(sce|nllloss|training|blackmanwindow|hammingwindow|hannwindow|melweightmatrix|dft|stft)")


def _is_plain_tensor(value_info):
    t = value_info.type
    return t.HasField("tensor_type") and t.tensor_type.elem_type != onnx.TensorProto.STRING


def out_of_scope_reason(test_name, model):
    """None when the test is in scope, else a short reason."""
    ops = sorted({node.op_type for node in model.graph.node} & OUT_OF_SCOPE_OPS)
    if ops:
        return "uses " + ", ".join(ops)
    if OUT_OF_SCOPE_NAMES.match(test_name):
        return "expanded body of an out-of-scope op"
    for value in list(model.graph.input) + list(model.graph.output):
        if not _is_plain_tensor(value):
            return "sequence, optional or string value '%s'" % value.name
    return None
