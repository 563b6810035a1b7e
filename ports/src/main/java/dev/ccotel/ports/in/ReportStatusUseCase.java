package dev.ccotel.ports.in;

/** Tells how the running daemon is: what it listens on, what it received, where it delivers. */
public interface ReportStatusUseCase {
    DaemonStatus status();
}
