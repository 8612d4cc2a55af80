"""Traffic for scripts/soak.sh: good and abusive clients against one server on 127.0.0.1.

Standard library only. Prints one summary at the end and exits 1 on a failure
(see soak.sh for what counts as one).
"""
import argparse
import asyncio
import collections
import json
import random
import time

args = None
statuses = collections.Counter()          # (kind, status) -> count
good_latencies = []                       # seconds, good requests answered 200
health_latencies = []
failures = []
rss_samples = []
slowloris_lifetimes = []                  # seconds a slow-header connection lived


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


async def request(raw, timeout=30.0):
    """Sends raw bytes on a new connection; returns (status, seconds) or (None, seconds) if closed without an answer."""
    start = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
    try:
        writer.write(raw)
        await writer.drain()
        line = await asyncio.wait_for(reader.readline(), timeout)
        status = int(line.split()[1]) if line.startswith(b"HTTP/") else None
        # Drain the rest so the server is not left writing to us.
        try:
            await asyncio.wait_for(reader.read(), 5)
        except asyncio.TimeoutError:
            pass
        return status, time.monotonic() - start
    finally:
        writer.close()


def post(body, content_type="text/plain; charset=utf-8", path="/v1/summarize", version="1.1"):
    head = (f"POST {path} HTTP/{version}\r\nHost: x\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    return head + body


async def until(deadline, body):
    while time.monotonic() < deadline:
        try:
            await body()
        except (ConnectionError, OSError, asyncio.TimeoutError) as error:
            statuses[(body.__name__, type(error).__name__)] += 1
            await asyncio.sleep(0.05)


async def good_client(deadline, text):
    as_json = json.dumps({"text": text.decode(), "bullets": 3}).encode()
    async def good():
        kind = random.random() < 0.5
        status, seconds = await request(post(as_json, "application/json") if kind else post(text))
        statuses[("good", status)] += 1
        if status == 200:
            good_latencies.append(seconds)
        elif status == 503:
            await asyncio.sleep(1)     # as Retry-After says
        else:
            failures.append(f"good request answered {status}")
    await until(deadline, good)


async def health(deadline):
    async def probe():
        status, seconds = await request(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout=2)
        statuses[("healthz", status)] += 1
        if status != 200:
            failures.append(f"/healthz answered {status}")
        health_latencies.append(seconds)
        await asyncio.sleep(0.5)
    await until(deadline, probe)


async def slowloris(deadline):
    async def drip():
        reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
        opened = time.monotonic()
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n")
        try:
            while time.monotonic() < deadline:
                await asyncio.sleep(2)
                writer.write(b"X-Slow: 1\r\n")
                await writer.drain()
                if reader.at_eof():
                    break
            closed = reader.at_eof()
            statuses[("slowloris", "closed by server" if closed else "open at the end")] += 1
            if closed:
                slowloris_lifetimes.append(time.monotonic() - opened)
        except (ConnectionError, OSError):
            statuses[("slowloris", "closed by server")] += 1
            slowloris_lifetimes.append(time.monotonic() - opened)
        finally:
            writer.close()
    await until(deadline, drip)


async def idle(deadline):
    async def hold():
        reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
        data = await asyncio.wait_for(reader.read(), 120)
        statuses[("idle", "closed by server" if data == b"" else "answered")] += 1
        writer.close()
    await until(deadline, hold)


async def abuse(deadline, text):
    big = (text * (3_000_000 // len(text) + 1))[:3_000_000]
    too_big = b"a" * (5 << 20)
    cases = [
        ("burst", lambda: post(big)),
        ("too-large", lambda: post(too_big)),
        ("half-body", lambda: post(text)[:-len(text) // 2]),
        ("bad-chunked", lambda: b"POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n"),
        ("bad-json", lambda: post(b'{"text": "a", "text": "b",}', "application/json")),
        ("http1.0", lambda: b"GET /healthz HTTP/1.0\r\n\r\n"),
        ("put", lambda: b"PUT /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    ]
    async def one():
        name, make = random.choice(cases)
        if name == "burst":
            results = await asyncio.gather(*(request(make(), timeout=60) for _ in range(80)), return_exceptions=True)
            for result in results:
                status = result[0] if isinstance(result, tuple) else type(result).__name__
                statuses[(name, status)] += 1
                if isinstance(status, int) and status >= 500 and status != 503:
                    failures.append(f"{name} answered {status}")
            await asyncio.sleep(5)
            return
        status, _ = await request(make(), timeout=60)
        statuses[(name, status)] += 1
        if isinstance(status, int) and status >= 500 and status != 503:
            failures.append(f"{name} answered {status}")
        await asyncio.sleep(0.2)
    await until(deadline, one)


async def sample_rss(deadline):
    while time.monotonic() < deadline:
        rss_samples.append(rss_kb(args.pid))
        await asyncio.sleep(1)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])   # utime + stime


async def wait_until_idle(limit):
    """Waits until the server uses (almost) no CPU for 2 s: work of clients that gave up is done."""
    waited = 0
    while waited < limit:
        before = cpu_ticks(args.pid)
        await asyncio.sleep(2)
        waited += 2
        if cpu_ticks(args.pid) - before <= 10:    # at most 0.1 s of CPU in 2 s
            return waited
    return waited


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def main():
    text = open(args.body, "rb").read()
    baseline = rss_kb(args.pid)
    start = time.monotonic()
    deadline = start + args.seconds
    tasks = [good_client(deadline, text) for _ in range(8)]
    tasks += [health(deadline), sample_rss(deadline), abuse(deadline, text)]
    tasks += [slowloris(deadline) for _ in range(20)]
    tasks += [idle(deadline) for _ in range(100)]
    running = [asyncio.ensure_future(task) for task in tasks]
    # Traffic stops at the deadline: requests still waiting are abandoned (as clients that give up).
    done, pending = await asyncio.wait(running, timeout=args.seconds + 5)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        if task.exception():
            raise task.exception()
    traffic = time.monotonic() - start
    # Quiet spell: the server finishes what abandoned clients left, connections drain, the heap is trimmed.
    quiet = await wait_until_idle(300)
    await asyncio.sleep(3)
    after = rss_kb(args.pid)
    print(f"ran {traffic:.0f} s of traffic, then {quiet + 3} s quiet (until the server was idle)")
    print(f"good requests answered 200: {len(good_latencies)}; latency p50 {percentile(good_latencies, 50)*1000:.1f} ms, "
          f"p99 {percentile(good_latencies, 99)*1000:.1f} ms, max {max(good_latencies or [0])*1000:.1f} ms")
    print(f"/healthz probes: {len(health_latencies)}; p50 {percentile(health_latencies, 50)*1000:.1f} ms, "
          f"p99 {percentile(health_latencies, 99)*1000:.1f} ms, max {max(health_latencies or [0])*1000:.1f} ms")
    print(f"server RSS: before {baseline/1024:.1f} MB, peak {max(rss_samples or [0])/1024:.1f} MB, "
          f"after {after/1024:.1f} MB")
    print(f"slow-header connections closed by the server: {len(slowloris_lifetimes)}, after "
          f"{percentile(slowloris_lifetimes, 50):.1f} s (median), {max(slowloris_lifetimes or [0]):.1f} s at most")
    print("outcomes (client kind, status or what happened): count")
    for (kind, status), count in sorted(statuses.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        print(f"  {kind:12} {status!s:24} {count}")
    if failures:
        print(f"{len(failures)} failures, first: {failures[:5]}")
        raise SystemExit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--body", required=True)
    args = parser.parse_args()
    asyncio.run(main())
