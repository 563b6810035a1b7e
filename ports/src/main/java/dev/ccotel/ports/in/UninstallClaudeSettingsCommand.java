package dev.ccotel.ports.in;

/** @param dryRun report the change without writing */
public record UninstallClaudeSettingsCommand(boolean dryRun) {}
