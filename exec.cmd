@rem Lets package.json scripts start with `exec` under cmd.exe, npm's script shell on Windows: cmd
@rem looks for a command in the current directory (the repository root) first and finds this
@rem file, which runs the rest of the line. Under sh, `exec` is the shell's own: see README, Signals.
@%*
