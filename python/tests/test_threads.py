"""One catalog shared by threads; the GIL released while the library checks."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from conftest import ACCOUNT_UID, SEED_DS, SEED_OPS, build_operation, seed_op


def test_eight_threads_share_one_catalog(catalog):
    ops = [seed_op(name) for name in SEED_OPS]
    expected = [catalog.check(op).to_json() for op in ops]

    def work(k):
        got = []
        for i in range(300):
            j = (i + k) % len(ops)
            got.append((j, catalog.check(ops[j]).to_json()))
        return got

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert sum(len(r) for r in results) == 8 * 300
    for got in results:
        for j, text in got:
            assert text == expected[j]


def slow_operation():
    # about a megabyte of SQL: a check that takes long enough to watch
    values = ", ".join(f"'v{i}'" for i in range(60000))
    return build_operation("select",
                           f"SELECT uid FROM sdk_examples_account WHERE name IN ({values}) "
                           "ORDER BY uid", data_source_uid=SEED_DS,
                           tables=[(ACCOUNT_UID, "a", "read")], max_rows=10,
                           statement_timeout_ms=100)


def test_the_gil_is_released_during_a_check(catalog):
    op = slow_operation()
    text = __import__("json").dumps(op)
    t0 = time.perf_counter()
    assert catalog.check(text).allowed
    one_check = time.perf_counter() - t0

    started, done = threading.Event(), threading.Event()

    def checker():
        started.set()
        for _ in range(10):
            catalog.check(text)
        done.set()

    th = threading.Thread(target=checker)
    th.start()
    started.wait()
    # while the other thread is inside the library this one keeps running: the time
    # it spends stalled (pauses over half a check) is a small part of the checks' time, where
    # a check holding the GIL would stall it for all of it
    stalled, last, begin = 0.0, time.perf_counter(), time.perf_counter()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        if now - last > one_check / 2:
            stalled += now - last
        last = now
    total = time.perf_counter() - begin
    th.join()
    assert one_check > 0.004, f"the slow check took only {one_check:.4f}s"
    assert total > 2 * one_check
    assert stalled < total / 2, (stalled, total, one_check)
