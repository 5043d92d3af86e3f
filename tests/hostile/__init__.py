"""Hostile-user tests of issue #12: output folders, concurrent builds, full disks, links, devices,
exit codes and permissions. Each test failed before its fix (see each module's docstring)."""
