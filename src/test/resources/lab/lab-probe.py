#!/usr/bin/env python3
"""One HTTP GET over TCP, classified the way netrules probes are.

usage: lab-probe.py HOST PORT PATH CONNECT_TIMEOUT IDLE_TIMEOUT [EXPECT_BYTES]

Run inside the source namespace (ip netns exec NS python3 lab-probe.py ...).
Prints one line, "RESULT key=value...", and exits 0 for ok, 1 otherwise.
RESULT is one of: ok, refused, timeout, unreachable, error (the probe result
words of probes.jsonl). "timeout" with body=N means the connection was made
but the transfer stalled after N body bytes (the MTU symptom).
"""
import errno
import socket
import sys
import time


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    connect_timeout, idle_timeout = float(sys.argv[4]), float(sys.argv[5])
    expect = int(sys.argv[6]) if len(sys.argv) > 6 else None
    start = time.monotonic()

    def done(result, **kv):
        kv["ms"] = int((time.monotonic() - start) * 1000)
        print(result + "".join(" %s=%s" % (k, v) for k, v in kv.items()))
        sys.exit(0 if result == "ok" else 1)

    try:
        s = socket.create_connection((host, port), timeout=connect_timeout)
    except socket.timeout:
        done("timeout", phase="connect")
    except ConnectionRefusedError:
        done("refused")
    except OSError as e:
        if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EACCES, errno.EPERM):
            done("unreachable", error=errno.errorcode.get(e.errno, e.errno))
        done("error", error=errno.errorcode.get(e.errno, e.errno))

    s.settimeout(idle_timeout)
    data = bytearray()
    try:
        s.sendall(("GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" % (path, host)).encode())
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    except OSError as e:
        done("error", phase="transfer", error=errno.errorcode.get(e.errno, e.errno), bytes=len(data))
    finally:
        s.close()

    head, sep, body = bytes(data).partition(b"\r\n\r\n")
    status = head.split(b" ", 2)[1].decode() if head.startswith(b"HTTP/") and b" " in head else "-"
    if not sep:
        done("timeout", phase="response", bytes=len(data))
    want = expect if expect is not None else None
    if want is None:
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                want = int(line.split(b":", 1)[1])
    if want is not None and len(body) < want:
        done("timeout", phase="transfer", status=status, body=len(body), expected=want)
    done("ok", status=status, body=len(body))


if __name__ == "__main__":
    main()
