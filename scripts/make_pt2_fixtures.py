#!/usr/bin/python3
"""Exports the .pt2 fixtures of the ATen importer with a real PyTorch and
records torch's eager outputs, which the end-to-end test compares against.

The machine's own Debian has no torch.export; Debian trixie packages torch
2.6. Run this inside the trixie root that ../shared/peers/trixie-chroot.sh
makes (as root):

    /work/shared/peers/trixie-chroot.sh /opt/trixie
    mkdir -p /opt/trixie/work && cp scripts/make_pt2_fixtures.py /opt/trixie/work/
    cp /work/shared/testdata/pt2/executorch/linear.pt2 /opt/trixie/work/   # optional, see below
    chroot /opt/trixie python3 /work/make_pt2_fixtures.py --out /work/pt2
    cp /opt/trixie/work/pt2/* testdata/pt2/

For every model it writes, in --out:
    <model>.train.pt2      torch.export.export(...) as is: the training IR (aten.linear, aten.conv2d, ...)
    <model>.core.pt2       after run_decompositions(): Core ATen (convolution, addmm, ...)
    <model>.input.<i>.npy  the example inputs, in the order of the program's user inputs
    <model>.expected.<i>.npy  the eager module's outputs on them (eval mode, no grad)
and manifest.json (models, their input names and dynamic dims), plus
<model>.torch22.pt2 and <model>.torch28.pt2 for two models: the same program
repackaged in the layouts of torch 2.2 and 2.8 (see repackage()), plus
core_aten_ops.txt: every aten op overload tagged torch.Tag.core, the list
docs/ops.md measures coverage against. When linear.pt2 (the torch 2.9
sample from ExecuTorch) sits next to this script, its weights are read and
F.linear's output on a fixed input is recorded as linear_2_9.expected.0.npy.
Seeds are fixed; rerunning gives the same tensors.
"""

import argparse
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.export import Dim
from torchvision.models.mobilenetv2 import InvertedResidual
from torchvision.ops.misc import Conv2dNormActivation


class CnnBn(nn.Module):
    """Conv + BatchNorm + ReLU, pooling, a strided grouped conv, ReLU6, global pool, linear."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1, groups=2, bias=False)
        self.bn2 = nn.BatchNorm2d(16)
        self.avg = nn.AvgPool2d(2)
        self.fc = nn.Linear(16 * 2 * 2, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        x = F.relu6(self.bn2(self.conv2(x)))
        x = self.avg(x)
        return self.fc(torch.flatten(x, 1))


class MlpLn(nn.Module):
    """Linear, LayerNorm, GELU (exact and tanh), dropout (a no-op at inference), log_softmax."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(32, 64)
        self.ln = nn.LayerNorm(64)
        self.fc2 = nn.Linear(64, 64)
        self.drop = nn.Dropout(0.1)
        self.fc3 = nn.Linear(64, 10)

    def forward(self, x):
        x = F.gelu(self.ln(self.fc1(x)))
        x = self.drop(F.gelu(self.fc2(x), approximate="tanh"))
        return F.log_softmax(self.fc3(x), dim=-1)


class Attention(nn.Module):
    """Multi-head self-attention written out: q/k/v projections, heads, scaled scores, softmax."""

    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=-1)
        q = q.reshape(b, t, self.heads, d // self.heads).transpose(1, 2)
        k = k.reshape(b, t, self.heads, d // self.heads).transpose(1, 2)
        v = v.reshape(b, t, self.heads, d // self.heads).transpose(1, 2)
        scores = (q @ k.transpose(-2, -1)) * (d // self.heads) ** -0.5
        y = torch.softmax(scores, dim=-1) @ v
        return self.out(y.transpose(1, 2).reshape(b, t, d))


class EncoderBlock(nn.Module):
    """A pre-norm transformer encoder block: attention and an MLP, both residual."""

    def __init__(self, dim=32, heads=4):
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.ln2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class TorchEncoder(nn.Module):
    """torch's own nn.TransformerEncoderLayer (post-norm, ReLU) over nn.MultiheadAttention."""

    def __init__(self):
        super().__init__()
        self.layer = nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64, dropout=0.0, batch_first=True)

    def forward(self, x):
        return self.layer(x)


class SdpaBlock(nn.Module):
    """F.scaled_dot_product_attention with a causal mask, and a head split with permute/unbind."""

    def __init__(self, dim=32, heads=4):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, t, d = x.shape
        qkv = self.qkv(x).reshape(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.proj(y.transpose(1, 2).reshape(b, t, d))


class MobileBlocks(nn.Module):
    """The stem and two inverted-residual blocks of torchvision's mobilenet_v2 (depthwise convs,
    ReLU6, a residual add), then mean pooling and a classifier: mobilenet_v2's ops at 1/100th of
    its 14 MB."""

    def __init__(self):
        super().__init__()
        self.stem = Conv2dNormActivation(3, 16, stride=2, norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU6)
        self.block1 = InvertedResidual(16, 24, 2, 6)
        self.block2 = InvertedResidual(24, 24, 1, 6)
        self.fc = nn.Linear(24, 10)

    def forward(self, x):
        x = self.block2(self.block1(self.stem(x)))
        return self.fc(x.mean([2, 3]))


class TwoInputs(nn.Module):
    """Two user inputs and two outputs, a lifted tensor constant, elementwise ops, concat and a
    reduction."""

    def __init__(self):
        super().__init__()
        self.register_buffer("offset", torch.linspace(-1, 1, 16))
        self.scale = torch.tensor([0.5, 2.0, -1.0, 3.0])  # a plain attribute: a lifted constant

    def forward(self, a, b):
        y = torch.sigmoid(a) * b + self.offset
        z = torch.cat([y, torch.tanh(b)], dim=1)
        w = (z.reshape(4, 8, 4) * self.scale).sum(dim=1)
        return z.max(dim=1).values, torch.exp(-w.abs()) - torch.sqrt(w * w + 1)


class ResampleNorm(nn.Module):
    """Padding modes, GroupNorm, nearest and bilinear upsampling (an integer and a fractional
    ratio), activations that Core ATen keeps or decomposes (SiLU, hardswish, ELU, softplus,
    leaky ReLU, clamp), rsqrt, variance, sort and argmax."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3)
        self.gn = nn.GroupNorm(2, 4)

    def forward(self, x):
        y = self.conv(F.pad(x, (1, 1, 1, 1), mode="reflect"))
        y = self.gn(F.pad(y, (0, 1, 2, 0), mode="replicate"))
        up = F.interpolate(y, scale_factor=2, mode="nearest")
        smooth = F.interpolate(y, size=(11, 10), mode="bilinear", align_corners=False)
        corners = F.interpolate(y, size=(9, 9), mode="bilinear", align_corners=True)
        act = F.silu(up) + F.hardswish(up) - F.elu(up) + F.softplus(up * 2) + F.leaky_relu(up, 0.2)
        act = torch.clamp(act, min=-2.0, max=3.0) * torch.rsqrt(up * up + 1)
        stats = torch.var(smooth, dim=(2, 3), keepdim=True) + corners.mean(dim=(2, 3), keepdim=True)
        ordered, _ = torch.sort(corners.flatten(2), dim=-1, descending=True)
        return act, smooth * stats, ordered, corners.flatten(1).argmax(dim=1)


class GridSample(nn.Module):
    """F.grid_sample: bilinear with border padding, nearest with zeros, both align_corners=False."""

    def forward(self, x, grid):
        a = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
        b = F.grid_sample(x, grid * 1.2, mode="nearest", padding_mode="zeros", align_corners=False)
        return a + b


def init_batchnorm(module, generator):
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.copy_(torch.randn(m.num_features, generator=generator) * 0.1)
            m.running_var.copy_(torch.rand(m.num_features, generator=generator) + 0.5)
            m.weight.data.copy_(torch.rand(m.num_features, generator=generator) + 0.5)
            m.bias.data.copy_(torch.randn(m.num_features, generator=generator) * 0.1)


def models():
    """name, module, example inputs, dynamic_shapes (or None)."""
    g = torch.Generator().manual_seed(0)
    batch = Dim("batch", min=1, max=64)
    return [
        ("cnn_bn", CnnBn(), (torch.randn(2, 3, 16, 16, generator=g),), None),
        ("mlp_ln", MlpLn(), (torch.randn(4, 32, generator=g),), None),
        ("mlp_ln_dynamic", MlpLn(), (torch.randn(3, 32, generator=g),), ({0: batch},)),
        ("encoder_block", EncoderBlock(), (torch.randn(2, 8, 32, generator=g),), None),
        ("encoder_block_dynamic", EncoderBlock(), (torch.randn(3, 8, 32, generator=g),), ({0: batch},)),
        ("torch_encoder", TorchEncoder(), (torch.randn(2, 8, 32, generator=g),), None),
        ("sdpa_block", SdpaBlock(), (torch.randn(2, 8, 32, generator=g),), None),
        ("mobilenet_blocks", MobileBlocks(), (torch.randn(1, 3, 32, 32, generator=g),), None),
        ("resample_norm", ResampleNorm(), (torch.randn(2, 4, 6, 7, generator=g),), None),
        ("grid_sample", GridSample(), (torch.randn(2, 3, 5, 6, generator=g), torch.rand(2, 4, 3, 2, generator=g) * 2 - 1), None),
        ("two_inputs", TwoInputs(), (torch.randn(4, 16, generator=g), torch.randn(4, 16, generator=g)), None),
    ]


def user_input_names(ep):
    from torch.export.graph_signature import InputKind

    return [s.arg.name for s in ep.graph_signature.input_specs if s.kind == InputKind.USER_INPUT]


def export_one(out, name, module, inputs, dynamic, manifest):
    torch.manual_seed(1)
    for p in module.parameters():
        with torch.no_grad():
            p.copy_(torch.randn(p.shape) * (1.0 / max(1, p[0].numel()) ** 0.5))
    init_batchnorm(module, torch.Generator().manual_seed(2))
    module.eval()
    with torch.no_grad():
        expected = module(*inputs)
    if isinstance(expected, torch.Tensor):
        expected = (expected,)
    kwargs = {"dynamic_shapes": dynamic} if dynamic else {}
    training_ir = torch.export.export(module, inputs, **kwargs)
    core = training_ir.run_decompositions()
    entry = {"inputs": [], "outputs": len(expected), "dynamic": bool(dynamic)}
    for ir, kind in ((training_ir, "train"), (core, "core")):
        path = os.path.join(out, "%s.%s.pt2" % (name, kind))
        torch.export.save(ir, path)
        entry[kind + "_ops"] = sorted({str(n.target) for n in ir.graph.nodes if n.op == "call_function"})
        print("%-32s %8d bytes  %s" % (os.path.basename(path), os.path.getsize(path), " ".join(entry[kind + "_ops"])))
    for i, (input_name, tensor) in enumerate(zip(user_input_names(core), inputs)):
        np.save(os.path.join(out, "%s.input.%d.npy" % (name, i)), tensor.numpy())
        entry["inputs"].append(input_name)
    for i, tensor in enumerate(expected):
        np.save(os.path.join(out, "%s.expected.%d.npy" % (name, i)), tensor.detach().numpy())
    manifest[name] = entry


def linear_2_9_reference(out, here, manifest):
    """The ExecuTorch sample (torch 2.9 PT2 archive, raw weights): torch's F.linear on its weights."""
    import zipfile

    sample = os.path.join(here, "linear.pt2")
    if not os.path.exists(sample):
        return
    with zipfile.ZipFile(sample) as z:
        root = z.namelist()[0].split("/")[0]
        weight = np.frombuffer(z.read(root + "/data/weights/weight_0"), dtype=np.float32).reshape(3, 3)
        bias = np.frombuffer(z.read(root + "/data/weights/weight_1"), dtype=np.float32)
    x = torch.randn(3, generator=torch.Generator().manual_seed(3))
    y = F.linear(x, torch.from_numpy(weight.copy()), torch.from_numpy(bias.copy()))
    np.save(os.path.join(out, "linear_2_9.input.0.npy"), x.numpy())
    np.save(os.path.join(out, "linear_2_9.expected.0.npy"), y.numpy())
    manifest["linear_2_9"] = {"inputs": ["x"], "outputs": 1, "dynamic": False, "archive": "linear_2_9.pt2"}


ARGUMENT_FIELDS = ["as_none", "as_tensor", "as_tensors", "as_int", "as_ints", "as_float", "as_floats", "as_string",
                   "as_sym_int", "as_sym_ints", "as_scalar_type", "as_memory_format", "as_layout", "as_device", "as_bool",
                   "as_bools", "as_sym_bool", "as_sym_bools", "as_graph", "as_optional_tensors", "as_custom_obj"]


def verbose_unions(value):
    """torch 2.2 wrote unions with every field present, null when unset."""
    if isinstance(value, list):
        return [verbose_unions(v) for v in value]
    if not isinstance(value, dict):
        return value
    value = {k: verbose_unions(v) for k, v in value.items()}
    if len(value) == 1 and next(iter(value)) in ARGUMENT_FIELDS:
        value = dict({k: None for k in ARGUMENT_FIELDS}, **value)
        if value.get("as_none") is True:
            value["as_none"] = []
    return value


def repackage(out, name, manifest):
    """The same program in the layouts torch 2.6 cannot write, made from its own archive:
    <name>.torch22.pt2  torch 2.2's: integer schema_version 2, verbose unions, storage_offset as
                        a plain int, the state dict named serialized_state_dict.json;
    <name>.torch28.pt2  torch 2.8's PT2 archive: <root>/models/model.json, data/weights/model.pt
                        and data/constants/model.pt (torch.save archives), archive_format "pt2"."""
    import zipfile

    source = os.path.join(out, "%s.core.pt2" % name)
    with zipfile.ZipFile(source) as z:
        program = json.loads(z.read("serialized_exported_program.json"))
        state, constants = z.read("serialized_state_dict.pt"), z.read("serialized_constants.pt")
    old = verbose_unions(program)
    old["schema_version"] = 2
    old.pop("verifiers", None)
    old.pop("torch_version", None)
    old["dialect"] = "ATEN"
    for meta in old["graph_module"]["graph"]["tensor_values"].values():
        meta["storage_offset"] = meta["storage_offset"]["as_int"]
    with zipfile.ZipFile(os.path.join(out, "%s.torch22.pt2" % name), "w", zipfile.ZIP_STORED) as z:
        z.writestr("serialized_exported_program.json", json.dumps(old))
        z.writestr("serialized_state_dict.json", state)
        z.writestr("serialized_constants.json", constants)
        z.writestr("version", "2")
    with zipfile.ZipFile(os.path.join(out, "%s.torch28.pt2" % name), "w", zipfile.ZIP_STORED) as z:
        root = name + "_archive/"
        z.writestr(root + "archive_format", "pt2")
        z.writestr(root + "archive_version", "0")
        z.writestr(root + "models/model.json", json.dumps(program))
        z.writestr(root + "data/weights/model.pt", state)
        z.writestr(root + "data/constants/model.pt", constants)
    for kind in ("torch22", "torch28"):
        entry = dict(manifest[name])
        entry.update({"archive": "%s.%s.pt2" % (name, kind), "reference": name, "synthesized": True})
        manifest["%s_%s" % (name, kind)] = entry


def core_aten_ops():
    names = []
    for packet_name in dir(torch.ops.aten):
        packet = getattr(torch.ops.aten, packet_name, None)
        if not isinstance(packet, torch._ops.OpOverloadPacket):
            continue
        for overload in packet.overloads():
            op = getattr(packet, overload)
            if torch.Tag.core in op.tags:
                names.append("aten.%s.%s" % (packet_name, overload))
    return sorted(names)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)
    manifest = {}
    for name, module, inputs, dynamic in models():
        export_one(args.out, name, module, inputs, dynamic, manifest)
    repackage(args.out, "mlp_ln", manifest)
    repackage(args.out, "two_inputs", manifest)
    linear_2_9_reference(args.out, os.path.dirname(os.path.abspath(__file__)), manifest)
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump({"torch": torch.__version__, "models": manifest}, f, indent=1, sort_keys=True)
    ops = core_aten_ops()
    with open(os.path.join(args.out, "core_aten_ops.txt"), "w") as f:
        f.write("# aten op overloads tagged torch.Tag.core in torch %s (scripts/make_pt2_fixtures.py)\n" % torch.__version__)
        f.write("\n".join(ops) + "\n")
    print("torch", torch.__version__, "-", len(ops), "core-tagged overloads")


if __name__ == "__main__":
    main()
