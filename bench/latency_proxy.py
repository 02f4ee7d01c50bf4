"""A loopback TCP relay that adds a fixed delay each way: a cloud-like round trip on one machine.

Run: ``python bench/latency_proxy.py TARGET_HOST TARGET_PORT DELAY_MS`` prints ``port N`` once it
listens, then relays every accepted connection to the target. Each chunk read from either side
is written to the other `DELAY_MS` later (in order, without holding back the chunks behind it),
so a request/response exchange costs 2 x DELAY_MS more than on loopback, while throughput is
not capped. ``SIGUSR1`` prints ``connections N`` (accepted so far): how many connections the
client opened. Runs in its own process so its CPU is not the client's.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import time


class Relay:
    """Accepts connections and pipes them to the target with the delay; counts connections."""

    def __init__(self, host: str, port: int, delay: float) -> None:
        self.host, self.port, self.delay = host, port, delay
        self.connections = 0

    async def pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Copy `reader` to `writer`, each chunk `delay` seconds after it arrived."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, chunk = await queue.get()
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not chunk:
                    break
                writer.write(chunk)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(deliver())
        with contextlib.suppress(OSError):
            while chunk := await reader.read(65536):
                queue.put_nowait((time.monotonic() + self.delay, chunk))
        queue.put_nowait((time.monotonic() + self.delay, b""))
        with contextlib.suppress(OSError):
            await sender

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One client connection: open the upstream one and pipe both ways."""
        self.connections += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(self.host, self.port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self.pipe(reader, up_writer), self.pipe(up_reader, writer))


async def main(host: str, port: int, delay_ms: float) -> None:
    """Listen on a free loopback port and relay until killed."""
    relay = Relay(host, port, delay_ms / 1000)
    server = await asyncio.start_server(relay.handle, "127.0.0.1", 0)
    asyncio.get_running_loop().add_signal_handler(
        signal.SIGUSR1, lambda: print(f"connections {relay.connections}", flush=True)
    )
    print(f"port {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
