package dev.ccotel.adapter.httpout.client;

import java.time.Duration;

/** Waiting, injectable so tests run the retry and drain schedules without real sleeping. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
