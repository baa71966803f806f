#!/usr/bin/env python3
"""Startup to first frame of the real dashboard, in a pseudo-terminal.

Starts `qwen-story` (default: target/release/qwen-story, bundled corpus) in a 120x40 pty,
measures wall time from spawn until the first frame's header ("Qwen story") is written,
then presses q and checks the terminal was restored (alternate screen left). Prints the
median and the slowest of N runs (default 20).

    cargo build --release && python3 benches/dashboard_startup.py [BINARY] [RUNS]
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/qwen-story"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20


def one_run():
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(binary, [binary])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    out = b""
    first_frame = None
    while True:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            raise SystemExit("no frame within 5 s")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        out += chunk
        if first_frame is None and b"Qwen story" in out:
            first_frame = time.perf_counter() - start
            os.write(fd, b"q")
    _, status = os.waitpid(pid, 0)
    restored = out.rfind(b"\x1b[?1049l") > out.rfind(b"\x1b[?1049h") >= 0
    return first_frame, os.waitstatus_to_exitcode(status), restored


times = []
for _ in range(runs):
    t, code, restored = one_run()
    if code != 0 or not restored:
        raise SystemExit(f"run failed: exit {code}, terminal restored: {restored}")
    times.append(t * 1000)
print(f"startup to first frame over {runs} runs: median {statistics.median(times):.1f} ms, "
      f"max {max(times):.1f} ms (exit 0 and alternate screen left every time)")
