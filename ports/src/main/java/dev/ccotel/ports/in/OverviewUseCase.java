package dev.ccotel.ports.in;

/** The dashboard's first look (see {@link Overview}). */
public interface OverviewUseCase {
    Overview overview();
}
