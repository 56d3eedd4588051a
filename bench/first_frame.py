#!/usr/bin/env python3
"""Time hallway's planner in a real terminal (a pty of 80x24 or another size), from start to
exit, without `script`'s own 20 ms around it.

    python3 bench/first_frame.py [--runs N] [--size COLSxROWS] [--ready] [--keys KEYS] [--no-warmup] -- HALLWAY ARGS...

Without --ready the planner is started with --exit-after-first-frame: start to first frame.
With --ready it is sent KEYS (default `q`) as soon as it has drawn, and timed to its exit: start
to ready for keys. A key about what is on screen (`q`, `j`, Enter, `s`) is answered from the
part of a large schedule drawn first; one that may reach another day (`]`, `/`) waits until the
whole schedule is read, so `--keys ']q'` times start to the whole in hand, and its peak memory
is the planner's with every talk loaded. Prints the median and mean in ms, and the peak memory
of one run (maxrss).
"""
import fcntl
import os
import resource
import select
import statistics
import struct
import subprocess
import sys
import termios
import time


def one(argv, cols, rows, ready, keys=b"q"):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def controlling_tty():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    args = argv if ready else argv + ["--exit-after-first-frame"]
    started = time.perf_counter()
    child = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, preexec_fn=controlling_tty, close_fds=True)
    os.close(slave)
    sent = not ready
    drawn = b""
    # Drain what it draws, so it never blocks on a full terminal; `q` goes once it has drawn
    # (the terminal is in raw mode then: typed before, it could be flushed away).
    while child.poll() is None:
        r, _, _ = select.select([master], [], [], 0.01)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if len(drawn) < 65536:  # the start is what tells: the alternate screen entered
                drawn += chunk
            if not sent:
                os.write(master, keys)
                sent = True
    child.wait()
    took = time.perf_counter() - started
    os.close(master)
    # A time is only worth something for a planner that drew and quit cleanly: an error message
    # printed and exit 2 would be timed as a very fast start.
    if child.returncode != 0 or b"\x1b[?1049h" not in drawn:
        sys.exit(f"the planner did not start and quit cleanly (exit {child.returncode}): {drawn[-500:]!r}")
    return took * 1000


def main():
    argv = sys.argv[1:]
    runs, cols, rows, ready, warmup, keys = 30, 80, 24, False, True, b"q"
    while argv and argv[0] != "--":
        flag = argv.pop(0)
        if flag == "--runs":
            runs = int(argv.pop(0))
        elif flag == "--size":
            cols, rows = (int(x) for x in argv.pop(0).split("x"))
        elif flag == "--ready":
            ready = True
        elif flag == "--no-warmup":
            warmup = False
        elif flag == "--keys":
            keys = argv.pop(0).encode()
    cmd = argv[1:]
    if warmup:
        one(cmd, cols, rows, ready, keys)
    times = [one(cmd, cols, rows, ready, keys) for _ in range(runs)]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{statistics.median(times):.2f} {statistics.mean(times):.2f} {peak:.1f}")


if __name__ == "__main__":
    main()
