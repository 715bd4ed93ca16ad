"""Run `python -m showroom ARGS` under cProfile with a CPU-time timer (the machine is loaded)."""
import cProfile, runpy, sys, time
out = sys.argv[1]
sys.argv = ["showroom", *sys.argv[2:]]
prof = cProfile.Profile(time.process_time)
prof.enable()
try:
    runpy.run_module("showroom", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    prof.disable()
    prof.dump_stats(out)
