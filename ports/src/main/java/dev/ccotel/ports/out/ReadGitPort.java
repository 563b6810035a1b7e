package dev.ccotel.ports.out;

import dev.ccotel.domain.context.SessionContext.GitPlace;

/** What git says of a folder: its branch, repository and worktree. */
public interface ReadGitPort {

    /** {@link GitPlace#NONE} for a folder outside any git checkout, or one that cannot be read. */
    GitPlace at(String folder);
}
