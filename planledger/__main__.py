"""``python -m planledger`` and the ``planledger`` script run the command line (``main``)."""
import gc


def main():
    """The command line, its modules imported with the cyclic collector run after 100000 new objects
    rather than 700 (an import makes objects by the thousand, and each collection walked those made
    before: 3 % of the instructions of a start-up); the collector's own thresholds are put back for
    the commands, which set their own (``cli._one_shot_gc``)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100000, *thresholds[1:])
    try:
        from planledger.cli import cli
    finally:
        gc.set_threshold(*thresholds)
    return cli(prog_name="planledger")


if __name__ == "__main__":
    main()
