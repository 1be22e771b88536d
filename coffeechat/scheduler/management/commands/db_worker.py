"""django-tasks-db's `db_worker`, made to outlive a locked SQLite database.

The original exits when a write meets "database is locked" after the busy timeout (another
process held the write lock too long): recording a task's result is such a write, and so is
whatever the task itself writes. `make run` lost its worker that way, and the task was marked
failed although nothing was wrong with it. This worker instead

- puts a task that failed on a locked database back in its queue, to run again after a pause
  (at most LOCK_RETRIES times, then it fails as before);
- retries its own bookkeeping writes until the database is free again, with a log line;
- keeps polling after a locked claim (the original already did that).

This app is listed before django_tasks_db in INSTALLED_APPS, so `manage.py db_worker` is this
command wherever it is started (scripts/run.sh, `make worker`, tests).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger("coffeechat.worker")

LOCK_RETRIES = 5
RETRY_PAUSE = timedelta(seconds=5)


def until_unlocked[T](write: Callable[[], T], what: str) -> T:
    """Run `write` until it stops meeting a locked database, pausing longer each time."""
    pause = 1.0
    while True:
        try:
            return write()
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise
            logger.warning(
                "The database is locked by another process; %s again in %.0f s", what, pause
            )
            connection.close()  # a fresh connection after the failed statement
            time.sleep(pause)
            pause = min(pause * 2, 30.0)


class Worker(db_worker.Worker):
    def run(self) -> None:
        # The claim, and everything between tasks, may meet the lock too: wait and go on.
        while True:
            try:
                return super().run()
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                logger.warning(
                    "The database is locked by another process; the worker waits and carries on"
                )
                connection.close()
                time.sleep(1)
                self.startup_delay = False

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            try:
                if task.takes_context:
                    value = task.call(
                        TaskContext(task_result=task_result),
                        *task_result.args,
                        **task_result.kwargs,
                    )
                else:
                    value = task.call(*task_result.args, **task_result.kwargs)
            except OperationalError as error:
                attempts = len(db_task_result.worker_ids)
                if is_locked_database_exception(error) and attempts <= LOCK_RETRIES:
                    self._retry_later(db_task_result)
                    return
                raise
            until_unlocked(
                lambda: db_task_result.set_successful(value), "recording a finished task"
            )
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except BaseException as error:  # the original's contract: record any failure
            failure = error
            until_unlocked(lambda: db_task_result.set_failed(failure), "recording a failed task")
            try:
                task_finished.send(
                    sender=type(db_task_result.task.get_backend()),
                    task_result=db_task_result.task_result,
                )
            except Exception:
                logger.exception("Task id=%s failed unexpectedly", db_task_result.id)
        finally:
            self.running_task = False
            self._run_tasks += 1
            close_old_connections()

    def _retry_later(self, db_task_result: DBTaskResult) -> None:
        attempt = len(db_task_result.worker_ids)
        logger.warning(
            "Task %s met a locked database; it runs again in %s s (attempt %d of %d)",
            db_task_result.task_path,
            RETRY_PAUSE.seconds,
            attempt,
            LOCK_RETRIES,
        )
        connection.close()
        until_unlocked(
            lambda: DBTaskResult.objects.filter(pk=db_task_result.pk).update(
                status=TaskResultStatus.READY,
                started_at=None,
                run_after=timezone.now() + RETRY_PAUSE,
            ),
            "putting the task back in its queue",
        )


class Command(db_worker.Command):
    help = (
        "Run the background task worker (django-tasks-db's, surviving a locked "
        "database: tasks that meet the lock run again)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # The original handle() builds its Worker by this module-level name: replacing a class
        # is what mypy forbids (misc), and on purpose here, for the length of this command.
        original = db_worker.Worker
        db_worker.Worker = Worker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
