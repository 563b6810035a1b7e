package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellChange.Edit;

/** What to do with one rc file, decided from its current text before anything is written. */
sealed interface FilePlan {

    /** Nothing to do. */
    record Keep(String reason) implements FilePlan {}

    /** The file must not be touched (e.g. a marker without its partner). */
    record Refuse(String reason) implements FilePlan {}

    /** Replace the file's content with {@code text} (ISO-8859-1). */
    record Write(String text, Edit edit) implements FilePlan {}

    /** Remove the file: it held nothing but the block and belongs to ccotel (fish's conf.d drop-in). */
    record Delete() implements FilePlan {}
}
