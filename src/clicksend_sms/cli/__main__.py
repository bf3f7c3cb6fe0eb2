import sys

from clicksend_sms.cli import main

sys.exit(main())
