"""gunicorn's worker for the portal: threads, and a clock that does not count a slow client.

Why not gunicorn's default sync worker: it reads a request's body in the process
that must tell the master it is alive. A phone on 3G uploading a 2 MB screenshot
for longer than `timeout` (30 s) was killed in the middle of the upload and got
gunicorn's bare English "Internal Server Error", and a client that sent half a
body and stalled held a whole worker for those 30 s. Behind nginx (make stack,
deploy/) gunicorn only ever sees complete requests, but `make serve` may be
reached directly.

gthread, gunicorn's threaded worker, reports alive from its main thread while
other threads serve requests: a slow client holds one thread, not the process.
It leaves two gaps, which this class fills:

- Once a client's first byte has come, gthread waits for the rest for ever: a
  client that stops sending would hold its thread until it hangs up. Here every
  connection's reads and writes give up after `timeout` seconds without a byte
  (SO_RCVTIMEO and SO_SNDTIMEO: the kernel keeps them while gthread switches the
  socket between blocking and non-blocking); Django then answers the portal's
  400 page (portal.middleware.UnreadableBodyMiddleware). A slow phone sends
  something every few hundred milliseconds and is never cut off.
- gunicorn's timeout no longer bounds a request's work (the process stays alive
  whatever a thread does), and it was the last resort behind every limit of
  issue 15. Here a request that has worked for more than `timeout` seconds (time
  in the application; waiting for its client's body and sending it the answer
  do not count) stops the worker's heartbeat, and the master restarts the
  worker `timeout` seconds later, as it did a silent sync worker. Behind nginx
  the citizen then gets the portal's 502 page.
"""

import socket
import struct
import threading
import time

from gunicorn.workers import gthread


class WorkClock:
    """Seconds a request has spent in the application, not counting waits for its client."""

    def __init__(self):
        self._worked = 0.0
        self._since = None

    @property
    def running(self):
        return self._since is not None

    def start(self):
        self._since = time.monotonic()

    def stop(self):
        if self._since is not None:
            self._worked += time.monotonic() - self._since
            self._since = None

    @property
    def seconds(self):
        since = self._since  # read once: the main thread reads while the request's thread runs
        return self._worked + (time.monotonic() - since if since is not None else 0.0)


class ClientInput:
    """`wsgi.input` whose reads are waits for the client, not work."""

    def __init__(self, stream, clock):
        self._stream = stream
        self._clock = clock

    def _waiting(self, method, *args):
        running = self._clock.running
        self._clock.stop()
        try:
            return method(*args)
        finally:
            if running:
                self._clock.start()

    def read(self, *args):
        return self._waiting(self._stream.read, *args)

    def readline(self, *args):
        return self._waiting(self._stream.readline, *args)

    def readlines(self, *args):
        return self._waiting(self._stream.readlines, *args)

    def __iter__(self):
        while line := self.readline():
            yield line


class TimedResponse:
    """The application's answer, timed while it is produced, not while it is sent."""

    def __init__(self, result, clock, done):
        self._result = result
        self._clock = clock
        self._done = done

    def __iter__(self):
        iterator = iter(self._result)
        while True:
            self._clock.start()
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self._clock.stop()
            yield item

    def close(self):
        self._clock.start()
        try:
            if hasattr(self._result, "close"):
                self._result.close()  # Django's request_finished: connections closed
        finally:
            self._clock.stop()
            self._done()


class ThreadWorker(gthread.ThreadWorker):
    """gthread with a silence limit on every connection and a work limit on every request."""

    def init_process(self):
        self._clocks = set()
        self._clocks_lock = threading.Lock()
        self._overdue_logged = False
        super().init_process()

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = self._timed(self.wsgi)

    def _timed(self, app):
        def application(environ, start_response):
            clock = WorkClock()
            environ["wsgi.input"] = ClientInput(environ["wsgi.input"], clock)
            with self._clocks_lock:
                self._clocks.add(clock)

            def done():
                with self._clocks_lock:
                    self._clocks.discard(clock)

            clock.start()
            try:
                result = app(environ, start_response)
            except BaseException:
                done()
                raise
            finally:
                clock.stop()
            if isinstance(result, environ["wsgi.file_wrapper"]):
                done()  # a file gunicorn sends by itself (sendfile): no work of ours
                return result
            return TimedResponse(result, clock, done)

        return application

    def enqueue_req(self, conn):
        # Every time the connection goes to a thread (the first request, and each
        # kept-alive one): setsockopt is cheap, and the limit then holds whatever
        # gthread did to the socket meanwhile.
        if self.cfg.timeout:
            silence = struct.pack("ll", self.cfg.timeout, 0)  # struct timeval
            for option in (socket.SO_RCVTIMEO, socket.SO_SNDTIMEO):
                conn.sock.setsockopt(socket.SOL_SOCKET, option, silence)
        super().enqueue_req(conn)

    def longest_work(self):
        with self._clocks_lock:
            return max((clock.seconds for clock in self._clocks), default=0.0)

    def notify(self):
        if self.cfg.timeout and self.longest_work() > self.cfg.timeout:
            if not self._overdue_logged:
                self._overdue_logged = True
                self.log.critical(
                    "A request has worked for more than %s s: this worker stops reporting "
                    "alive and the master will restart it",
                    self.cfg.timeout,
                )
            return
        super().notify()
