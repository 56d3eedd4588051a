#!/usr/bin/env bash
# Time and peak memory of `hallway validate` on crafted schedules that once cost time or memory
# out of proportion to their size, for one binary or two side by side (before and after):
#
#   bash bench/hostile.sh target/release/hallway [OLD_BINARY]
#
# Each run is cut at $LIMIT seconds (default 60) and said as "> LIMIT s". Inputs are generated
# into a scratch folder and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
new=${1:?usage: bench/hostile.sh NEW_BINARY [OLD_BINARY]}
old=${2:-}
limit=${LIMIT:-60}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export HALLWAY_DATA_DIR="$t/data" HALLWAY_CACHE_DIR="$t/cache" HALLWAY_CONFIG="$t/none.toml" HALLWAY_NO_CACHE=1 TZ=UTC

python3 - "$t" <<'PY'
import json, sys
t = sys.argv[1]
def pentabarf(head, body):
    return (f'<?xml version="1.0"?>\n{head}<schedule><conference><title>X</title></conference>'
            f'<day date="2024-02-03" index="1"><room name="A"><event id="1"><start>10:00</start>'
            f'<duration>00:30</duration><room>A</room><title>T</title><abstract>{body}</abstract>'
            f'</event></room></day></schedule>')
# 1. One entity of 100,000 characters used 10,000 times: 130 KB that expands to 1 GB.
open(f"{t}/entity.xml", "w").write(pentabarf(f'<!DOCTYPE schedule [<!ENTITY big "{"x" * 100_000}">]>\n', "&big;" * 10_000))
# 2. HTML-to-text on long runs of < and of & (an abstract of 1.2 MB each).
open(f"{t}/lt.xml", "w").write(pentabarf("", "&lt;" * 300_000))
frab = lambda abstract: json.dumps({"schedule": {"version": "x", "conference": {"acronym": "c", "title": "C",
    "start": "2024-02-03", "end": "2024-02-03", "daysCount": 1, "timeslot_duration": "00:15", "time_zone_name": "UTC",
    "days": [{"index": 1, "date": "2024-02-03", "day_start": "2024-02-03T08:00:00+00:00", "day_end": "2024-02-03T20:00:00+00:00",
    "rooms": {"A": [{"guid": "g1", "id": 1, "date": "2024-02-03T10:00:00+00:00", "start": "10:00", "duration": "00:30",
    "room": "A", "slug": "s", "title": "T", "type": "talk", "language": "en", "abstract": abstract, "description": "",
    "persons": [], "links": [], "attachments": []}]}}]}}})
open(f"{t}/lt.json", "w").write(frab("<" * 1_200_000))
open(f"{t}/amp.json", "w").write(frab("&" * 1_200_000))
# 3. An unknown track named by 20,000 talks of a conference with 1,000 tracks (1.1 MB).
tracks = [f"Room {i}" for i in range(1000)]
talk = lambda i, track: {"id": f"t{i}", "title": "T", "speakers": [], "track": track, "start": "2024-02-03T10:00", "duration": 30}
open(f"{t}/unknown.json", "w").write(json.dumps({"conference": {"id": "c", "name": "C", "timezone": "UTC", "tracks": tracks},
    "talks": [talk(i, "Nowhere") for i in range(20_000)]}))
# 4. 5,000 rooms and 100,000 talks, all valid (11 MB): every talk's room looked up.
rooms = [f"Room {i}" for i in range(5000)]
open(f"{t}/rooms.json", "w").write(json.dumps({"conference": {"id": "c", "name": "C", "timezone": "UTC", "tracks": rooms},
    "talks": [talk(i, rooms[i % 5000]) for i in range(100_000)]}))
# 4b. A frab schedule.json declaring 5,000 rooms and listing 5,000 others over two days.
events = lambda d, r: [{"guid": f"g{d}-{r}", "id": d * 10000 + r, "date": f"2024-02-0{3 + d}T10:00:00+00:00", "start": "10:00",
    "duration": "00:30", "room": f"Hall {r}", "slug": "s", "title": "T", "type": "talk", "language": "en", "abstract": "",
    "description": "", "persons": [], "links": [], "attachments": []}]
open(f"{t}/frab-rooms.json", "w").write(json.dumps({"schedule": {"version": "x", "conference": {"acronym": "c", "title": "C",
    "start": "2024-02-03", "end": "2024-02-04", "daysCount": 2, "timeslot_duration": "00:15", "time_zone_name": "UTC",
    "rooms": [{"name": f"Room {r}"} for r in range(5000)],
    "days": [{"index": d + 1, "date": f"2024-02-0{3 + d}", "day_start": f"2024-02-0{3 + d}T08:00:00+00:00",
    "day_end": f"2024-02-0{3 + d}T20:00:00+00:00", "rooms": {f"Hall {r}": events(d, r) for r in range(5000)}} for d in range(2)]}}}))
# 5. 50,000 errors, each to be located (a start that is not a time).
bad = lambda i: {"id": f"t{i}", "title": "T", "speakers": [], "track": "A", "start": "soon", "duration": 30}
open(f"{t}/errors.json", "w").write(json.dumps({"conference": {"id": "c", "name": "C", "timezone": "UTC", "tracks": ["A"]},
    "talks": [bad(i) for i in range(50_000)]}, indent=1))
# 6. Memory: what a file carries besides its schedule (1.5 million small objects in a field
#    no reader uses, 12 MB), for each JSON reader; and a real frab file 120 times over (25 MB).
tiny = [{"a": 0}] * 1_500_000
compact = lambda v: json.dumps(v, separators=(",", ":"))
def frab_with(extra):
    doc = json.loads(frab(""))
    next(iter(doc["schedule"]["conference"]["days"][0]["rooms"].values()))[0].update(extra)
    return compact(doc)
open(f"{t}/frab-unread.json", "w").write(frab_with({"attachments": tiny}))
open(f"{t}/sessionize-unread.json", "w").write(compact({"rooms": [{"id": 1, "name": "A"}], "speakers": [], "categories": [],
    "sessions": [{"id": "1", "title": "T", "startsAt": "2024-02-03T10:00:00", "endsAt": "2024-02-03T10:30:00", "roomId": 1,
    "questionAnswers": tiny}]}))
open(f"{t}/native-unread.json", "w").write(compact({"conference": {"id": "c", "name": "C", "timezone": "UTC", "tracks": ["A"]},
    "talks": [dict(talk(0, "A"), start="soon", notes=tiny)]}))
camp = json.load(open("tests/fixtures/real/frab-camp2019.json"))
days = camp["schedule"]["conference"]["days"]
for d in days:
    d["rooms"] = {f"{room} {k}": [dict(e, guid=f"{e['guid']}-{k}") for e in events]
                  for room, events in d["rooms"].items() for k in range(120)}
open(f"{t}/frab-120x.json", "w").write(json.dumps(camp))
PY

measure() { # binary, file -> "seconds, peak MB" (the child's own, through wait4)
  python3 - "$1" "$2" "$limit" <<'PY'
import os, subprocess, sys, time
binary, path, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
start = time.perf_counter()
p = subprocess.Popen([binary, "validate", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while True:
    pid, status, usage = os.wait4(p.pid, os.WNOHANG)
    if pid:
        break
    if time.perf_counter() - start > limit:
        p.kill(); os.wait4(p.pid, 0); print(f"> {limit:.0f} s, - MB"); sys.exit()
    time.sleep(0.005)
print(f"{time.perf_counter() - start:.2f} s, {usage.ru_maxrss // 1024} MB")
PY
}

printf '%-22s %6s  %-22s %s\n' input size "$(basename "$new") (new)" "${old:+old}"
for f in entity.xml lt.xml lt.json amp.json unknown.json rooms.json frab-rooms.json errors.json \
  frab-unread.json sessionize-unread.json native-unread.json frab-120x.json; do
  size=$(du -h "$t/$f" | cut -f1)
  printf '%-22s %6s  %-22s %s\n' "$f" "$size" "$(measure "$new" "$t/$f")" "${old:+$(measure "$old" "$t/$f")}"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
