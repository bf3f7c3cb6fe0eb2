"""The main job on the bundled emulator: poll, send, poll again, look up.

Placeholder: lists the component's triggers and actions until the emulator and the trigger
are in place.
"""

from __future__ import annotations

from clicksend_sms.component.descriptor import load_descriptor


def main() -> int:
    descriptor = load_descriptor()
    print(f"{descriptor['title']} {descriptor['version']}")
    for section in ("triggers", "actions"):
        for key, definition in descriptor.get(section, {}).items():
            print(f"  {section[:-1]} {key}: {definition['title']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
