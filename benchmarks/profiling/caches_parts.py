"""Size and decode time of each part of caches.state and of the output record."""
import json, sys, time, typing, dataclasses, hashlib
from pathlib import Path
from showroom.build.state import Caches, OutputRecord, codec, CACHES_FILE
import gc; gc.disable()
folder = Path(sys.argv[1])
c = codec()
for f in sorted(folder.iterdir()):
    print(f"{f.name:55s} {f.stat().st_size/1e6:8.2f} MB")
data = (folder / CACHES_FILE).read_bytes()
end = data.find(b"\n")
payload = data[end+1:]
t = time.process_time(); hashlib.sha256(payload).hexdigest(); t_sha = time.process_time() - t
t = time.process_time(); text = payload.decode("utf-8", "surrogatepass"); t_utf = time.process_time() - t
t = time.process_time(); parsed = json.loads(text); t_json = time.process_time() - t
print(f"caches.state: read+sha256 {t_sha:.3f} s, utf-8 {t_utf:.3f} s, json.loads {t_json:.3f} s (whole)")
hints = typing.get_type_hints(Caches, include_extras=False)
names = [f.name for f in dataclasses.fields(Caches)]
assert parsed[0] == "Caches", parsed[0]
tot = 0.0
for name, value in zip(names, parsed[1:]):
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    t = time.process_time(); json.loads(raw); tj = time.process_time() - t
    dec = c.decoder(hints[name])
    t0 = time.process_time(); c0 = time.process_time(); out = dec(value); d = time.process_time() - t0; dc = time.process_time() - c0
    tot += d
    print(f"  {name:10s} {len(value):7d} entries {len(raw)/1e6:7.2f} MB  json {tj:6.3f} s  decode {d:6.3f} s (cpu {dc:6.3f})")
print(f"  decode total {tot:.3f} s")
for f in sorted(folder.glob("output-*.state")):
    data = f.read_bytes(); end = data.find(b"\n"); payload = data[end+1:]
    t = time.process_time(); parsed = json.loads(payload); tj = time.process_time() - t
    hints = typing.get_type_hints(OutputRecord)
    print(f"{f.name}: json {tj:.3f} s")
    for name, value in zip([x.name for x in dataclasses.fields(OutputRecord)], parsed[1:]):
        raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        dec = c.decoder(hints[name])
        t0 = time.process_time(); dec(value); d = time.process_time() - t0
        n = len(value) if hasattr(value, "__len__") else 1
        print(f"  {name:10s} {n:7d} entries {len(raw)/1e6:7.2f} MB  decode {d:6.3f} s")
    break
