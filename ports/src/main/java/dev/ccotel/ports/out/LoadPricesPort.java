package dev.ccotel.ports.out;

import dev.ccotel.domain.model.PriceTable;

/** The price list estimates are made with: the newest refreshed copy, else the one shipped. */
public interface LoadPricesPort {
    PriceTable prices();

    /** The date of the list {@link #prices} would give, found without reading the list: asked on every import. */
    String asOf();
}
