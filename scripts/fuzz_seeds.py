#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from fixtures/ and the shapes of the bad-input tests.
Usage: fuzz_seeds.py OUT_DIR   (one folder per target; rewritten each run, small files only)."""
import gzip, json, os, sys

out = sys.argv[1]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fx = lambda *p: os.path.join(root, "fixtures", *p)

def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

hex_lines = [l.strip() for l in open(fx("traces", "op-mainnet-1766.hex")) if l.strip() and not l.startswith("#")]
jsonl = [l for l in open(fx("traces", "l1-mainnet-rpc-sample.jsonl")) if l.strip()]

# trace: first byte picks the extension (0 .hex, 1 .jsonl, 2 .json, 3 .txt); the rest is the file.
put("trace", "hex", b"\x00" + "\n".join(hex_lines[:8]).encode() + b"\n")
put("trace", "hex-gz", b"\x00" + gzip.compress("\n".join(hex_lines[:8]).encode() + b"\n"))
put("trace", "jsonl", b"\x01" + "".join(jsonl[:3]).encode())
put("trace", "json-doc", b"\x02" + ("[\n" + ",\n".join(l.strip() for l in jsonl[:2]) + "\n]\n").encode())
put("trace", "raw-lines", b"\x01" + "".join('{"raw": "%s"}\n' % l for l in hex_lines[:4]).encode())

# rlp: signed transactions as bytes.
for i, l in enumerate(hex_lines[:12]):
    put("rlp", f"tx{i}", bytes.fromhex(l[2:] if l.startswith("0x") else l))
put("rlp", "empty-list", b"\xc0")
# An OP span batch: one block without transactions (type, two uvarints, 40 check bytes, one block, its
# origin bit, its count), for mutations to start from a valid one.
put("rlp", "span-batch-empty", b"\x01\x00\x00" + b"\x00" * 40 + b"\x01\x00\x00")

# json: RPC objects, a profile, a JSON scenario.
for i, l in enumerate(jsonl[:4]):
    put("json", f"tx{i}", l)
put("json", "profile", open(fx("profiles", "op-mainnet-1766.profile.json"), "rb").read())
put("json", "nested", "[" * 40 + "]" * 40)

# scenario: the bundled scenarios, a JSON one, and the shapes of the hostile-input tests.
for name in os.listdir(fx("scenarios")):
    put("scenario", name, open(fx("scenarios", name), "rb").read())
put("scenario", "json", '{"name": "j", "traffic": {"tps": 20}, "market": {"l1_base_fee_gwei": 2}}')
put("scenario", "alias", "a: &a [1,2]\nb: [*a, *a]\n")
put("scenario", "deep", "traffic: {tps: " + "[" * 10 + "1" + "]" * 10 + "}\n")
put("scenario", "curve", "market:\n  l1_base_fee_gwei: {kind: gbm, start: 1, drift_per_year: 0.1, volatility_per_year: 1}\nprojection: {paths: 2, blob_market: {simulate: true}}\n")
put("scenario", "tag", "name: !!str x\nstart: 2024-02-29\n")

# csv: curve histories.
put("csv", "unix", "time,fee\n1700000000,1.5\n1700000012,2.5\n1700000024,3\n")
put("csv", "blocks", "block,fee\n100,1\n101,2\n102,1.25\n")
put("csv", "crlf", "time,fee\r\n0,1\r\n3600,2\r\n")
put("csv", "daily", open(fx("op-chains-daily-2023.csv"), "rb").read()[:4000])

# baseline: a profile and a small report baseline.
put("baseline", "profile", open(fx("profiles", "op-mainnet-1766.profile.json"), "rb").read())
report = os.path.join(root, "reports", "report.json")
if os.path.exists(report):
    put("baseline", "report", open(report, "rb").read())

# rpc: a batch response of three real headers, as fetch fees receives it, and an error.
blocks = json.load(open(fx("rpc", "mainnet-blob-headers.json")))["blocks"][:3]
put("rpc", "headers", json.dumps([{"jsonrpc": "2.0", "id": i + 1, "result": b} for i, b in enumerate(blocks)]))
put("rpc", "error", '{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"limit exceeded"}}')
put("rpc", "txs", json.dumps([{"jsonrpc": "2.0", "id": i + 1, "result": {"number": hex(i), "hash": "0x" + "11" * 32,
     "parentHash": "0x" + "22" * 32, "timestamp": "0x65", "transactions": [json.loads(jsonl[i])]}} for i in range(3)]))
