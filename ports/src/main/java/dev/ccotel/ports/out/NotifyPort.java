package dev.ccotel.ports.out;

/** Tells the person at the desktop something, where the desktop has a way to. */
public interface NotifyPort {

    void notify(String title, String text);

    NotifyPort NONE = (title, text) -> { };
}
