"""``python -m planledger`` runs the command line."""
from planledger.cli import cli

if __name__ == "__main__":
    cli(prog_name="planledger")
