"""A real Neo4j Community server without Docker: jars from Maven Central, started as a plain JVM.

Used by ``alliances neo4j start|stop|status`` and by the test suite's session fixture
(``tests/neo4j_fixtures.py``). Nothing here is needed to *use* a Neo4j server you already run.

How it works (see docs/neo4j.md):

1. ``ensure_jars()`` writes a one-dependency ``pom.xml`` (``org.neo4j:neo4j`` at ``NEO4J_VERSION``) and runs
   Maven's ``copy-dependencies`` once; the jars are cached under ``~/.cache/alliancegraph/neo4j/<version>/lib``
   (``$ALLIANCES_NEO4J_CACHE`` or ``$XDG_CACHE_HOME`` move it) and Maven's own ``~/.m2`` keeps the downloads.
2. ``Neo4jServer(home)`` lays out ``home/{conf,data,logs,plugins,run}``, writes ``conf/neo4j.conf`` (Bolt only,
   on a loopback port), sets the initial password with Neo4j's own admin tool, and starts
   ``org.neo4j.server.CommunityEntryPoint`` with the JVM flags of Neo4j's launcher.
3. Ready when the driver's ``verify_connectivity()`` succeeds; stopped with SIGTERM (SIGKILL after a grace time).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "NEO4J_VERSION",
    "Neo4jServer",
    "Neo4jServerError",
    "cache_root",
    "default_home",
    "ensure_jars",
    "find_java",
    "free_port",
]

#: Neo4j 5.26 is the 5.x LTS line and runs on Java 17 (2025.x releases need Java 21).
NEO4J_VERSION = os.environ.get("ALLIANCES_NEO4J_VERSION", "5.26.30")
#: Pinned so an old default plugin version does not pull obsolete artifacts.
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"

POM = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by alliancegraph (cli/neo4j_server.py): the jars of a Neo4j Community server. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>alliancegraph.local</groupId>
  <artifactId>neo4j-server-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""

# The launcher's standard JVM arguments (BootloaderOsAbstraction); the --add-opens are required on Java 17.
JVM_FLAGS = [
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC", "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED", "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
]


class Neo4jServerError(RuntimeError):
    """The local server could not be provisioned, started or stopped; the message says why and what to do."""


def _log(message: str) -> None:
    print(f"[neo4j] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------ provisioning
def cache_root() -> Path:
    """Where jars are cached: ``$ALLIANCES_NEO4J_CACHE`` or ``$XDG_CACHE_HOME/alliancegraph/neo4j``."""
    if os.environ.get("ALLIANCES_NEO4J_CACHE"):
        return Path(os.environ["ALLIANCES_NEO4J_CACHE"]).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "alliancegraph" / "neo4j"


def default_home() -> Path:
    """The home (config, data, logs) of the server that ``alliances neo4j start`` runs: kept between runs."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "alliancegraph" / "neo4j-server"


def find_java() -> str:
    """A Java 17 or 21 executable (``$JAVA_HOME/bin/java`` first), or ``Neo4jServerError``."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    if shutil.which("java"):
        candidates.append(str(shutil.which("java")))
    seen = []
    for java in candidates:
        try:
            proc = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        m = re.search(r'version "(\d+)', proc.stderr + proc.stdout)
        major = int(m[1]) if m else 0
        seen.append(f"{java} (Java {major or '?'})")
        if major in (17, 21):
            return java
    found = "; found " + ", ".join(seen) if seen else "; no java on PATH or JAVA_HOME"
    raise Neo4jServerError(f"Neo4j {NEO4J_VERSION} needs Java 17 or 21{found}. "
                           "Install it (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME.")


def _jar_dir(version: str) -> Path:
    return cache_root() / version / "lib"


@contextlib.contextmanager
def _file_lock(path: Path):  # type: ignore[no-untyped-def]
    """An exclusive lock between processes (two test sessions provisioning at once download only once)."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_jars(version: str = NEO4J_VERSION, log: Callable[[str], None] = _log, timeout_s: float = 1800) -> Path:
    """The folder of every jar of a Neo4j Community ``version`` server, fetched with Maven the first time."""
    lib = _jar_dir(version)
    marker = lib / ".complete"
    if marker.exists():
        return lib
    with _file_lock(cache_root() / f"{version}.lock"):
        if marker.exists():
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jServerError(
                f"the Neo4j {version} jars are not cached in {lib} and Maven (mvn) is not installed to fetch "
                "them from Maven Central; install Maven (e.g. apt-get install maven) and retry")
        work = Path(tempfile.mkdtemp(prefix="neo4j-jars-", dir=lib.parent.parent))
        try:
            (work / "pom.xml").write_text(POM.format(version=version), encoding="utf-8")
            out = work / "lib"
            log(f"fetching the Neo4j {version} jars from Maven Central into {lib} (once; about 125 MB) ...")
            started = time.monotonic()
            cmd = [mvn, "-B", "-q", "-f", str(work / "pom.xml"), f"{DEPENDENCY_PLUGIN}:copy-dependencies",
                   "-DincludeScope=runtime", f"-DoutputDirectory={out}"]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, cwd=work, check=False)
            except subprocess.TimeoutExpired:
                raise Neo4jServerError(f"Maven did not fetch the Neo4j jars within {timeout_s:.0f} s") from None
            jars = list(out.glob("*.jar")) if out.exists() else []
            if proc.returncode != 0 or not any(j.name == f"neo4j-{version}.jar" for j in jars):
                tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
                raise Neo4jServerError(f"Maven could not fetch org.neo4j:neo4j:{version} (exit {proc.returncode}):"
                                       f"\n{tail}")
            (out / ".complete").write_text(f"{version}\n{len(jars)} jars\n", encoding="utf-8")
            if lib.exists():
                shutil.rmtree(lib)
            lib.parent.mkdir(parents=True, exist_ok=True)
            out.rename(lib)
            log(f"cached {len(jars)} jars in {time.monotonic() - started:.0f} s")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return lib


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGTERM if the process that started it dies (a test run killed with -9)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001, S110 - best effort only
        pass


# ------------------------------------------------------------------------------------------------ server
class Neo4jServer:
    """One Neo4j Community server on a loopback port, with its own home folder.

    ``start()`` / ``stop()`` / ``restart()`` (same port, same data) and ``uri`` / ``auth`` to connect.
    ``fast_start=True`` (the tests) trades peak speed for start-up time (C1 JIT only). Whatever the mode, the
    first clean stop leaves a class-data-sharing archive in the jar cache that later starts load from.
    With ``attached=True`` (the tests) the server also dies with the Python process that started it;
    ``attached=False`` (``alliances neo4j start``) leaves it running, its pid and port in ``run/state.json``.
    """

    def __init__(self, home: Path | str, port: int | None = None, password: str | None = None,
                 user: str = "neo4j", version: str = NEO4J_VERSION, heap: str = "512m", pagecache: str = "64m",
                 host: str = "127.0.0.1", attached: bool = True, fast_start: bool = False) -> None:
        self.home = Path(home).expanduser().resolve()
        self.host = host
        self.port = port or 0
        self.user = user
        self.password = password
        self.version = version
        self.heap = heap
        self.pagecache = pagecache
        self.attached = attached
        self.fast_start = fast_start
        self._cds_dump: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.pid: int | None = None
        self.start_seconds: float | None = None

    # -------------------------------------------------------------------------------------- addresses
    @property
    def uri(self) -> str:
        """A routing URI (``neo4j://``), as clusters and Aura use; a single server serves its own routing table."""
        return f"neo4j://{self.host}:{self.port}"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{self.host}:{self.port}"

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password) if self.password else None

    @property
    def state_file(self) -> Path:
        return self.home / "run" / "state.json"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    def env(self) -> dict[str, str]:
        """The settings that point alliancegraph at this server."""
        env = {"ALLIANCES_BACKEND": "neo4j", "ALLIANCES_NEO4J_URI": self.uri, "ALLIANCES_NEO4J_USER": self.user}
        if self.password:
            env["ALLIANCES_NEO4J_PASSWORD"] = self.password
        return env

    # ------------------------------------------------------------------------------------------- setup
    def _write_config(self) -> None:
        for sub in ("conf", "data", "logs", "plugins", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        lines = [
            "# Written by alliancegraph (cli/neo4j_server.py) at each start; edits are overwritten.",
            f"dbms.security.auth_enabled={'true' if self.password else 'false'}",
            f"server.default_listen_address={self.host}",
            f"server.default_advertised_address={self.host}",
            f"server.bolt.listen_address={self.host}:{self.port}",
            f"server.bolt.advertised_address={self.host}:{self.port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            f"server.memory.pagecache.size={self.pagecache}",
            "dbms.usage_report.enabled=false",
            # small, fast transaction logs (the defaults preallocate 256 MB per database)
            "db.tx_log.preallocate=false",
            "db.tx_log.rotation.size=1M",
            "db.tx_log.rotation.retention_policy=2 files",
            "db.logs.query.enabled=OFF",
            # do not linger 5 s per event loop group when stopping
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        ]
        (self.home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _set_initial_password(self, java: str, lib: Path) -> None:
        """Neo4j's ``neo4j-admin dbms set-initial-password``, before the first start (no window with neo4j/neo4j)."""
        if not self.password or (self.home / "data" / "dbms" / "auth.ini").exists():
            return
        if len(self.password) < 8:
            raise Neo4jServerError("the Neo4j password must have at least 8 characters")
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        proc = subprocess.run([java, "-Dfile.encoding=UTF-8", "-cp", f"{lib}/*", ADMIN_CLASS, "dbms",
                               "set-initial-password", self.password], env=env, capture_output=True, text=True,
                              timeout=120, check=False)
        if proc.returncode != 0:
            raise Neo4jServerError(f"could not set the initial password: {(proc.stdout + proc.stderr).strip()}")

    # ------------------------------------------------------------------------------------- lifecycle
    def start(self, timeout_s: float = 120, log: Callable[[str], None] = _log) -> Neo4jServer:
        """Start the server and wait until Bolt answers; ``Neo4jServerError`` (with the log's tail) otherwise."""
        if self.is_running():
            return self
        java = find_java()
        lib = ensure_jars(self.version, log)
        if not self.port:
            self.port = free_port(self.host)
        if _port_open(self.host, self.port):
            raise Neo4jServerError(f"port {self.port} on {self.host} is already in use")
        self._write_config()
        self._set_initial_password(java, lib)
        conf = self.home / "conf"
        cmd = [java, f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_FLAGS, *self._startup_flags(java),
               "-cp", f"{self.home}/plugins/*:{conf}/*:{lib}/*", MAIN_CLASS,
               f"--home-dir={self.home}", f"--config-dir={conf}", "--console-mode"]
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(conf)}
        started = time.monotonic()
        log_fh = self.console_log.open("ab")
        try:
            self.process = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=log_fh, stderr=subprocess.STDOUT, env=env, cwd=self.home,
                start_new_session=True,
                preexec_fn=_die_with_parent if self._tie_to_parent() else None)  # noqa: PLW1509 - only prctl
        finally:
            log_fh.close()
        self.pid = self.process.pid
        self._save_state()
        try:
            self.wait_ready(timeout_s)
        except BaseException:
            self.stop(timeout_s=10)
            raise
        self.start_seconds = time.monotonic() - started
        return self

    def _tie_to_parent(self) -> bool:
        """PR_SET_PDEATHSIG fires when the *thread* that started the child ends: tie only from the main thread."""
        return self.attached and threading.current_thread() is threading.main_thread()

    def _startup_flags(self, java: str) -> list[str]:
        """JIT and class-data-sharing flags: a start with an archive takes about half the time."""
        flags = ["-XX:TieredStopAtLevel=1"] if self.fast_start else []
        if os.environ.get("ALLIANCES_NEO4J_CDS", "1") == "0":
            return flags
        key = hashlib.sha1(f"{os.path.realpath(java)}|{self.version}".encode()).hexdigest()[:12]
        archive = _jar_dir(self.version).parent / f"classes-{key}.jsa"
        if archive.exists():
            return [*flags, f"-XX:SharedArchiveFile={archive}", "-Xshare:auto"]
        self._cds_dump = archive.with_name(f"{archive.name}.{os.getpid()}-{id(self)}.tmp")
        return [*flags, f"-XX:ArchiveClassesAtExit={self._cds_dump}"]

    def _finish_cds_dump(self, clean: bool) -> None:
        """After the JVM exits: keep the archive it wrote at a clean exit (atomically), drop it otherwise."""
        dump, self._cds_dump = self._cds_dump, None
        if dump is None or not dump.exists():
            return
        if clean and dump.stat().st_size > 0:
            with contextlib.suppress(OSError):
                os.replace(dump, dump.with_name(dump.name.split(".jsa.")[0] + ".jsa"))
        with contextlib.suppress(OSError):
            dump.unlink()

    def wait_ready(self, timeout_s: float = 120) -> None:
        """Block until a driver session runs ``RETURN 1`` (the process dying or the timeout raise)."""
        import neo4j

        deadline = time.monotonic() + timeout_s
        last: Exception | None = None
        while time.monotonic() < deadline:
            if not self._alive():
                raise Neo4jServerError(f"the Neo4j server exited (code {self._exit_code()}) while starting:\n"
                                       f"{self.log_tail()}")
            if _port_open(self.host, self.port):
                try:
                    with neo4j.GraphDatabase.driver(self.bolt_uri, auth=self.auth, connection_timeout=2,
                                                    max_transaction_retry_time=0) as driver:
                        driver.verify_connectivity()
                        driver.execute_query("RETURN 1", database_="neo4j")
                    return
                except neo4j.exceptions.AuthError as exc:
                    raise Neo4jServerError(f"the server at {self.uri} refused the credentials: {exc}") from exc
                except Exception as exc:  # noqa: BLE001 - still starting (database not yet available)
                    last = exc
            time.sleep(0.2)
        raise Neo4jServerError(f"the Neo4j server did not answer on {self.uri} within {timeout_s:.0f} s "
                               f"({last}):\n{self.log_tail()}")

    def stop(self, timeout_s: float = 30) -> None:
        """SIGTERM, then SIGKILL if it has not stopped within ``timeout_s``. Safe to call when stopped."""
        pid = self.pid
        if pid is None or not self._alive():
            self._reap()
            self._finish_cds_dump(clean=False)
            self._clear_state()
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while self._alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        clean = not self._alive()
        if not clean:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            while self._alive():
                time.sleep(0.05)
        self._reap()
        self._finish_cds_dump(clean)
        self._clear_state()

    def kill(self) -> None:
        """SIGKILL: a crash, not a shutdown."""
        if self.pid is not None and self._alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            while self._alive():
                time.sleep(0.05)
        self._reap()
        self._finish_cds_dump(clean=False)

    def restart(self, timeout_s: float = 120) -> Neo4jServer:
        """Stop and start again on the same port with the same data (clients reconnect by themselves)."""
        self.stop()
        return self.start(timeout_s)

    def is_running(self) -> bool:
        return self.pid is not None and self._alive()

    def log_tail(self, lines: int = 30) -> str:
        chunks = []
        for path in (self.console_log, self.home / "logs" / "neo4j.log"):
            if path.exists():
                text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                chunks.extend(text[-lines:])
        return "\n".join(chunks[-lines:])

    # ----------------------------------------------------------------------------- process helpers
    def _alive(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        if self.pid is None:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return _is_neo4j(self.pid)

    def _exit_code(self) -> int | None:
        return self.process.poll() if self.process is not None else None

    def _reap(self) -> None:
        if self.process is not None:
            with contextlib.suppress(Exception):
                self.process.wait(timeout=5)

    # ------------------------------------------------------------------ state (detached servers)
    def _save_state(self) -> None:
        data = {"pid": self.pid, "port": self.port, "host": self.host, "user": self.user, "version": self.version,
                "password": self.password, "uri": self.uri,
                "cds_dump": str(self._cds_dump) if self._cds_dump else None}
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.state_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh, indent=1)

    def _clear_state(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            data = json.loads(self.state_file.read_text())
            data["pid"] = None
            self.state_file.write_text(json.dumps(data, indent=1))

    @classmethod
    def from_state(cls, home: Path | str) -> Neo4jServer | None:
        """The server last started in ``home`` (running or not), or None if none ever was."""
        path = Path(home).expanduser() / "run" / "state.json"
        try:
            data: dict[str, Any] = json.loads(path.read_text())
        except (FileNotFoundError, ValueError):
            return None
        server = cls(home, port=data.get("port"), password=data.get("password"), user=data.get("user", "neo4j"),
                     version=data.get("version", NEO4J_VERSION), host=data.get("host", "127.0.0.1"), attached=False)
        server.pid = data.get("pid")
        server._cds_dump = Path(data["cds_dump"]) if data.get("cds_dump") else None
        return server


def _is_neo4j(pid: int) -> bool:
    """Whether ``pid`` is a Neo4j JVM (a stale pid file may name a recycled pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: trust the pid
    return MAIN_CLASS.encode() in cmdline
