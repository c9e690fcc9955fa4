#!/usr/bin/env python3
"""Writes the Jazzer seed corpora of store-api's fuzz tests from the test vectors.

Run from the repository root: python3 tools/fuzz-seeds.py
Seeds go to store-api/src/test/resources/org/peerstore/fuzz/<Class>Inputs/<method>/seed-*,
where Jazzer's regression mode (mvn verify) replays them and fuzzing starts from them.
Findings that Jazzer reproduces are kept next to them (crash-*), never overwritten here.
"""
import hashlib
import json
import os

VEC = "store-api/src/test/resources/vectors"
OUT = "store-api/src/test/resources/org/peerstore/fuzz"


def load(name):
    with open(os.path.join(VEC, name)) as f:
        return json.load(f)


def write(cls, method, data):
    d = os.path.join(OUT, cls + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def proto_fields(b):
    """(field number, value) pairs of a protobuf message: varints as int, bytes as bytes."""
    i, out = 0, []
    while i < len(b):
        key, i = varint(b, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 2:
            n, i = varint(b, i)
            v, i = b[i:i + n], i + n
        else:
            raise ValueError("unexpected wire type")
        out.append((num, v))
    return out


def varint(b, i):
    shift = v = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return v, i


h = bytes.fromhex

ma_valid = load("multiaddr_valid.json")["vectors"]
ma_invalid = load("multiaddr_invalid.json")
for v in ma_valid:
    write("MultiaddrFuzzTest", "text", v["str"])
    for k in ("hex", "hexDerived"):
        if v.get(k):
            write("MultiaddrFuzzTest", "bytes", h(v[k]))
for v in ma_invalid["strings"]:
    write("MultiaddrFuzzTest", "text", v["str"])
for v in ma_invalid["bytes"]:
    write("MultiaddrFuzzTest", "bytes", h(v["hex"]))

pids = load("peer_ids.json")
for v in pids["vectors"]:
    write("PeerIdFuzzTest", "bytes", h(v["peerIdBytesHex"]))
    write("PeerIdFuzzTest", "text", v["peerIdBase58"])
    write("PeerIdFuzzTest", "text", v["peerIdCidBase32"])
for v in pids["stringVectors"]:
    for form in v["forms"].values():
        write("PeerIdFuzzTest", "text", form)
for v in pids["invalid"]:
    write("PeerIdFuzzTest", "text", v["str"])

keys = load("keys.json")["vectors"]
for v in keys:
    for field, method in (("pubProtobufHex", "publicKey"), ("privProtobufHex", "privateKey")):
        if v.get(field):
            b = h(v[field])
            write("KeyFuzzTest", method, b)
            f = dict(proto_fields(b))
            write("KeyFuzzTest", "rawKey", bytes([f.get(1, 0)]) + f.get(2, b""))

for v in load("envelopes.json")["vectors"]:
    if v.get("envelopeHex"):
        write("RecordFuzzTest", "envelope", h(v["envelopeHex"]))
    for k in ("payloadHex", "peerRecordHex"):
        if v.get(k) and v.get("payloadTypeHex", "0301") == "0301":
            write("RecordFuzzTest", "peerRecord", h(v[k]))
            write("RecordFuzzTest", "signedPeerRecord", h(v[k]))

# MetadataValues: one of each tag (see MetadataValues' format table), and the registered
# "point" type of MetadataValuesFuzzTest.
for b in (b"\x01hello", b"\x01", b"\x02\x00", b"\x02\x01", b"\x03\x00\x00\x00\x2a",
          b"\x04" + bytes(7) + b"\x01", b"\x05\x3f\xf0" + bytes(6), b"\x06\x00\xff",
          b"\x7f\x00\x05point" + bytes(8)):
    write("MetadataValuesFuzzTest", "decode", b)

# store-rocksdb's stored formats (StoredValueFuzzTest), written the way RocksPeerstore writes
# them (store-rocksdb/src/main/proto): AddrSet, ProtocolSet, signed records and keys of the
# libp2p/specs Ed25519 key, framed keys and modified UTF-8 names.
ROCKS = "store-rocksdb/src/test/resources/org/peerstore/rocksdb"


def rwrite(method, data):
    global OUT
    saved, OUT = OUT, ROCKS
    write("StoredValueFuzzTest", method, data)
    OUT = saved


def field(num, wt, payload):
    def uv(n):
        out = bytearray()
        while True:
            b = n & 0x7F
            n >>= 7
            if n:
                out.append(b | 0x80)
            else:
                out.append(b)
                return bytes(out)
    key = uv((num << 3) | wt)
    if wt == 2:
        return key + uv(len(payload)) + payload
    if wt == 0:
        return key + uv(payload & 0xFFFFFFFFFFFFFFFF)
    return key + payload  # wt 1: 8 bytes


def entry(addr_hex, ttl, expiry):
    return field(1, 2, field(1, 2, h(addr_hex)) + field(2, 0, ttl)
                 + field(3, 1, (expiry & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little")))


rwrite("addrSet", b"")
rwrite("addrSet", entry("0401020304060001", 3600 * 10**9, 1767229200 * 10**9))
rwrite("addrSet", entry("0401020304060001", 2**63 - 2, 2**63 - 1)
       + entry("047f000001060fa1", 120 * 10**9, 1767225720 * 10**9))
rwrite("protocolSet", field(1, 2, b"/ipfs/id/1.0.0") + field(1, 2, b"/meshsub/1.1.0"))
rwrite("protocolSet", field(1, 2, b"\xed\xa0\x80x"))  # an unpaired surrogate, modified UTF-8
for v in load("envelopes.json")["vectors"]:
    if "specs peer-ids.md key" in v["id"] and v.get("envelopeHex"):
        rwrite("record", h(v["envelopeHex"]))
for v in load("keys.json")["vectors"]:
    if v["id"] == "specs/peer-ids.md/ED25519":
        rwrite("keys", h(v["privProtobufHex"]))
        rwrite("keys", h(v["pubProtobufHex"]))
spec_id = [v for v in load("peer_ids.json")["vectors"] if v["id"] == "specs/peer-ids.md/ED25519"]
for v in spec_id:
    pid = h(v["peerIdBytesHex"])
    rwrite("storeKeyAndString", bytes([len(pid)]) + pid + b"agent")
rwrite("storeKeyAndString", b"/ipfs/kad/1.0.0")

# store-tool's import lines (ImportLineFuzzTest): peer lines as SnapshotJson.toLine writes them.
import base64

TOOL = "store-tool/src/test/resources/org/peerstore/tool/export"


def twrite(data):
    global OUT
    saved, OUT = OUT, TOOL
    write("ImportLineFuzzTest", "line", data)
    OUT = saved


b64 = lambda b: base64.b64encode(b).decode()
spec = [v for v in load("peer_ids.json")["vectors"] if v["id"] == "specs/peer-ids.md/ED25519"][0]
spec_key = [v for v in load("keys.json")["vectors"] if v["id"] == "specs/peer-ids.md/ED25519"][0]
spec_env = [v for v in load("envelopes.json")["vectors"] if "specs peer-ids.md key" in v["id"]
            and v.get("envelopeHex") and v["id"].startswith("derived/signed-peer-record/ed25519")][0]
peer = spec["peerIdBase58"]
twrite(json.dumps({"peer": peer, "addrs": [], "protocols": [], "metadata": {}},
                  separators=(",", ":")))
twrite(json.dumps({
    "peer": peer,
    "addrs": [{"addr": b64(h("047f000001060fa1")), "text": "/ip4/127.0.0.1/tcp/4001",
               "ttlNanos": 3600 * 10**9, "expiry": "2026-01-01T01:00:00Z"},
              {"addr": b64(h("0401020304060001")), "text": "/ip4/1.2.3.4/tcp/1",
               "ttlNanos": 2**63 - 2, "expiry": "never"}],
    "record": b64(h(spec_env["envelopeHex"])),
    "publicKey": b64(h(spec_key["pubProtobufHex"])),
    "privateKey": b64(h(spec_key["privProtobufHex"])),
    "protocols": ["/ipfs/id/1.0.0", "/meshsub/1.1.0"],
    "metadata": {"AgentVersion": b64(b"\x01go-ipfs/0.1"), "n": b64(b"\x03\x00\x00\x00\x2a")},
}, separators=(",", ":")))
