#!/usr/bin/env python3
"""How fast the running planner answers `R`, and notices a newer schedule on its own.

Serves a Pentabarf XML (FOSDEM 2021 by default) with python's http.server, opens hallway on it in
tmux at 80x24, presses R five times (the server answers 304) and times each answer on screen,
then moves a starred talk in the served file and times until the status line says so; then
opens the file itself and times until a rewrite of it is said.

    python3 bench/refresh_latency.py [--bin target/release/hallway] [--xml FILE] [--every 3]
"""
import argparse, os, socket, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="target/release/hallway")
ap.add_argument("--xml", default="tests/fixtures/real/pentabarf-fosdem-2021.xml")
ap.add_argument("--every", default="3", help="seconds between checks (HALLWAY_REFRESH_SECONDS)")
a = ap.parse_args()
binary = os.path.abspath(a.bin)
work = tempfile.mkdtemp()
www = os.path.join(work, "www")
os.makedirs(www)
served = os.path.join(www, "f.xml")
with open(a.xml) as src, open(served, "w") as dst:
    dst.write(src.read())
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", www],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
url = f"http://127.0.0.1:{port}/f.xml"
env = dict(os.environ, HALLWAY_DATA_DIR=f"{work}/data", HALLWAY_CACHE_DIR=f"{work}/cache", HALLWAY_NO_NOTIFY="1")
sess = f"hallway-latency-{os.getpid()}"


def cap():
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", sess], capture_output=True, text=True).stdout


def wait(text, t0, limit=30):
    while time.time() - t0 < limit:
        if text in cap():
            return time.time() - t0
        time.sleep(0.01)
    sys.exit(f"timed out waiting for {text!r}:\n{cap()}")


try:
    time.sleep(0.5)
    first = subprocess.run([binary, "--schedule", url, "--tz", "Europe/Brussels", "talks", "--day", "1"],
                           env=env, capture_output=True, text=True, check=True).stdout
    talk = first.split("[", 1)[1].split("]", 1)[0]
    subprocess.run([binary, "--schedule", url, "--tz", "Europe/Brussels", "star", talk], env=env,
                   capture_output=True, check=True)
    envs = " ".join(f"{k}={env[k]}" for k in ("HALLWAY_DATA_DIR", "HALLWAY_CACHE_DIR", "HALLWAY_NO_NOTIFY"))
    subprocess.run(["tmux", "new", "-d", "-s", sess, "-x", "80", "-y", "24",
                    f"env {envs} HALLWAY_REFRESH_SECONDS={a.every} {binary} --schedule {url} --tz Europe/Brussels "
                    f"--at '2021-02-06 09:30'; sleep 60"], check=True)
    wait("Sat 6 Feb", time.time())
    time.sleep(1)
    answers = []
    for _ in range(5):
        subprocess.run(["tmux", "send-keys", "-t", sess, "Escape"]); time.sleep(0.3)
        t0 = time.time()
        subprocess.run(["tmux", "send-keys", "-t", sess, "R"])
        answers.append(wait("the schedule shown is the newest", t0))
        time.sleep(0.3)
    print("R to its answer on screen (s):", " ".join(f"{x:.3f}" for x in answers))
    # The first talk of day 1, starred above, moves to 10:00.
    x = open(served).read()
    i = x.index(f'<event id="{talk}"'); j = x.index("<start>", i); k = x.index("</start>", j)
    x = x[:j] + "<start>10:00" + x[k:]
    with open(served + ".new", "w") as f:
        f.write(x)
    later = time.time() + 5  # Last-Modified has whole seconds
    os.utime(served + ".new", (later, later))
    os.replace(served + ".new", served)
    t0 = time.time()
    print(f"a starred talk moved, on screen after (s): {wait('schedule updated', t0):.3f} (checks every {a.every} s)")

    # The same schedule opened from its file (default settings: a stat every 3 s), moved back.
    subprocess.run(["tmux", "kill-session", "-t", sess], capture_output=True)
    subprocess.run(["tmux", "new", "-d", "-s", sess, "-x", "80", "-y", "24",
                    f"env {envs} {binary} --schedule {served} --tz Europe/Brussels --at '2021-02-06 09:30'; sleep 60"],
                   check=True)
    wait("Sat 6 Feb", time.time())
    time.sleep(1)
    y = open(a.xml).read()
    with open(served + ".new", "w") as f:
        f.write(y)
    os.replace(served + ".new", served)
    t0 = time.time()
    print(f"the file rewritten, on screen after (s): {wait('schedule updated', t0):.3f} (a stat every 3 s, 1 s to settle)")
finally:
    subprocess.run(["tmux", "kill-session", "-t", sess], capture_output=True)
    server.kill()
