package dev.ccotel.ports.out;

import dev.ccotel.ports.model.DeliveryStatus;

/** Reports where delivery stands (destinations, what waits); cheap enough to ask on every {@code /status}. */
public interface DeliveryStatusPort {
    DeliveryStatus deliveryStatus();
}
